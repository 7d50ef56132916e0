/** 台账: every case, filtered and searched, with export of exactly the filtered rows. */
import { useCallback, useMemo, useState } from 'react';
import { App, Button, DatePicker, Dropdown, Input, Select, Space, Tag, TreeSelect, Typography } from 'antd';
import { DownloadOutlined, DownOutlined, FileAddOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  CASE_STATUSES,
  CHANNELS,
  FLAGS,
  MATTER_TYPES,
  REPORT_MEASURES,
  type CaseFilter,
  type Flag,
  type ReportMeasure,
} from '../../src-main/contract';
import { call, saveFile } from '../lib/api-client';
import { useApp } from '../lib/app-context';
import { categoryTree, options } from '../lib/format';
import { pinyinFilter } from '../lib/pinyin-filter';
import { navigate } from '../lib/router';
import { REGISTER_FILTER_KEY } from '../lib/open-cases';
import { CaseTable } from '../components/CaseTable';
import { BatchPrintButton } from '../components/BatchPrint';

const FILTER_KEY = REGISTER_FILTER_KEY;

interface FilterState {
  q?: string;
  status?: string[];
  channel?: string[];
  matterType?: string[];
  categoryId?: string[];
  villageId?: string[];
  officeId?: string[];
  flags?: Flag[];
  range?: [string, string] | null;
  /** from a report figure (统计): the responsible unit and the figure's condition, judged on asOf */
  unitId?: string[];
  measure?: ReportMeasure;
  asOf?: string;
}

export function RegisterScreen() {
  const { settings } = useApp();
  const { message, modal } = App.useApp();
  const county = settings.office.level === 'county';
  const [state, setState] = useState<FilterState>(
    () => JSON.parse(sessionStorage.getItem(FILTER_KEY) ?? '{}') as FilterState,
  );
  /** a township report's click-through narrows to the office's own cases (there is no 乡镇 filter to show it) */
  const ownOnly = !county && !!state.officeId?.length;
  const [qText, setQText] = useState(state.q ?? '');
  const [total, setTotal] = useState<number | null>(null);
  const [exporting, setExporting] = useState(false);

  const update = (patch: Partial<FilterState>) => {
    const next = { ...state, ...patch };
    sessionStorage.setItem(FILTER_KEY, JSON.stringify(next));
    setState(next);
  };

  /** One multiple-choice filter: its label is its placeholder and its accessible name. */
  type ListKey = 'status' | 'channel' | 'matterType' | 'officeId' | 'villageId' | 'flags';
  const multi = (
    key: ListKey,
    label: string,
    choices: { value: string; label: string }[],
    minWidth: number,
    searchable = false,
  ) => (
    <Select
      mode="multiple"
      allowClear
      aria-label={label}
      placeholder={label}
      style={{ minWidth }}
      value={state[key]}
      onChange={(v: string[]) => update({ [key]: v })}
      options={choices}
      showSearch={searchable ? { filterOption: pinyinFilter } : undefined}
    />
  );

  const filter: CaseFilter = useMemo(
    () => ({
      q: state.q || undefined,
      status: state.status?.length ? state.status : undefined,
      channel: state.channel?.length ? state.channel : undefined,
      matterType: state.matterType?.length ? state.matterType : undefined,
      categoryId: state.categoryId?.length ? state.categoryId : undefined,
      villageId: state.villageId?.length ? state.villageId : undefined,
      officeId: state.officeId?.length ? state.officeId : undefined,
      flags: state.flags?.length ? state.flags : undefined,
      from: state.range?.[0] || undefined,
      to: state.range?.[1] || undefined,
      unitId: state.unitId?.length ? state.unitId : undefined,
      measure: state.measure,
      asOf: state.measure ? state.asOf : undefined,
    }),
    [state],
  );

  const onTotal = useCallback(
    (n: number | null, error?: string) => {
      setTotal(n);
      if (error) message.error(error);
    },
    [message],
  );

  // ID numbers and phones are masked unless the clerk asks for them whole, after a warning
  const exportXlsx = async (fullNumbers: boolean) => {
    setExporting(true);
    try {
      const file = await call('cases.exportXlsx', { filter, fullNumbers });
      const where = await saveFile(file.fileName, file.base64);
      if (where) message.success(`已导出 ${total ?? ''} 件：${where}`);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setExporting(false);
    }
  };

  const exportFull = () =>
    modal.confirm({
      title: '导出完整的身份证号和电话？',
      content: '文件中将含有信访人完整的身份证号和电话，请妥善保管，勿外传。本次导出会记入审计日志。',
      okText: '导出',
      cancelText: '取消',
      onOk: () => exportXlsx(true),
    });

  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%', marginBottom: 8 }}>
        <h2 className="screen-title" style={{ margin: 0 }}>
          信访台账
        </h2>
        <Space>
          <Typography.Text data-testid="register-total">
            {total === null ? '查询中…' : `共 ${total} 件`}
          </Typography.Text>
          <BatchPrintButton />
          <Space.Compact>
            <Button
              icon={<DownloadOutlined />}
              loading={exporting}
              disabled={!total}
              onClick={() => exportXlsx(false)}
              title="身份证号和电话只显示部分数字"
            >
              导出 Excel
            </Button>
            <Dropdown
              disabled={!total || exporting}
              menu={{ items: [{ key: 'full', label: '导出（含完整身份证号和电话）…' }], onClick: exportFull }}
            >
              <Button icon={<DownOutlined />} aria-label="更多导出方式" />
            </Dropdown>
          </Space.Compact>
          <Button type="primary" icon={<FileAddOutlined />} onClick={() => navigate({ name: 'intake' })}>
            登记
          </Button>
        </Space>
      </Space>
      <Space wrap style={{ marginBottom: 10 }}>
        <Input.Search
          aria-label="检索"
          allowClear
          style={{ width: 340 }}
          placeholder="姓名、拼音首字母、身份证号、电话、编号或内容词语"
          value={qText}
          onChange={(e) => {
            setQText(e.target.value);
            if (!e.target.value) update({ q: undefined });
          }}
          onSearch={(v) => update({ q: v.trim() || undefined })}
          enterButton="检索"
        />
        {multi('status', '状态', options(CASE_STATUSES), 110)}
        {multi('channel', '信访形式', options(CHANNELS), 120)}
        {multi('matterType', '事项性质', options(MATTER_TYPES), 120)}
        <TreeSelect
          multiple
          allowClear
          aria-label="内容分类"
          placeholder="内容分类"
          style={{ minWidth: 150 }}
          treeData={categoryTree(settings.categories)}
          value={state.categoryId}
          onChange={(v: string[]) => update({ categoryId: v })}
          showSearch={{ treeNodeFilterProp: 'title' }}
        />
        {county &&
          multi(
            'officeId',
            '乡镇',
            settings.townships.map((o) => ({ value: o.id, label: o.name })),
            130,
            true,
          )}
        {/* a county has no villages of its own: its townships' cases are filtered by 乡镇 */}
        {(!county || settings.villages.length > 0) &&
          multi(
            'villageId',
            '村/社区',
            settings.villages.map((v) => ({ value: v.id, label: v.name })),
            130,
            true,
          )}
        <DatePicker.RangePicker
          aria-label="收到日期"
          allowEmpty={[true, true]}
          value={
            state.range
              ? [state.range[0] ? dayjs(state.range[0]) : null, state.range[1] ? dayjs(state.range[1]) : null]
              : null
          }
          onChange={(v: [Dayjs | null, Dayjs | null] | null) =>
            update({ range: v ? [v[0]?.format('YYYY-MM-DD') ?? '', v[1]?.format('YYYY-MM-DD') ?? ''] : null })
          }
          placeholder={['收到日期起', '止']}
        />
        {multi('flags', '标记', options(FLAGS), 120)}
        <Button
          onClick={() => {
            setQText('');
            update({
              q: undefined,
              status: [],
              channel: [],
              matterType: [],
              categoryId: [],
              villageId: [],
              officeId: [],
              flags: [],
              range: null,
              unitId: [],
              measure: undefined,
              asOf: undefined,
            });
          }}
        >
          重置
        </Button>
        {(state.measure || !!state.unitId?.length || ownOnly) && (
          <Tag
            color="blue"
            closable
            data-testid="register-report-filter"
            onClose={() =>
              update({
                unitId: [],
                measure: undefined,
                asOf: undefined,
                ...(ownOnly ? { officeId: [] } : {}),
              })
            }
          >
            统计：
            {[
              // a township's report counts the cases it handles: not those the county assigned on to another township
              ownOnly ? '本乡镇办理的事项' : '',
              state.measure ? REPORT_MEASURES[state.measure] : '',
              state.unitId?.length
                ? `责任单位 ${state.unitId.map((u) => (u ? (settings.units.find((x) => x.id === u)?.name ?? u) : '未确定')).join('、')}`
                : '',
            ]
              .filter(Boolean)
              .join('，')}
            {state.measure && state.asOf ? `（截至${state.asOf}）` : ''}
          </Tag>
        )}
      </Space>
      <CaseTable
        filter={filter}
        county={county}
        onOpen={(id) => navigate({ name: 'case', id })}
        onTotal={onTotal}
      />
    </div>
  );
}
