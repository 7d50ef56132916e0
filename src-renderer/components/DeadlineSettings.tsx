/**
 * 期限计算: how statutory periods are counted (calendar days by default, 民法典 Arts. 201 and 203)
 * and how many days ahead the work list warns. Changing the counting rule moves every deadline
 * the register shows, so it asks first.
 */
import { useState } from 'react';
import { App, Button, Card, InputNumber, Radio, Space, Tag, Typography } from 'antd';
import {
  DAY_COUNTS,
  OBJECTION_WORKING_DAYS,
  deadlineSettingsInput,
  type DayCount,
} from '../../src-main/contract';
import { call } from '../lib/api-client';
import { useApp } from '../lib/app-context';

/** The warning days the contract allows (deadlineSettingsInput). */
const WARN = deadlineSettingsInput.shape.warnDays;

export function DeadlineSettings() {
  const { settings, setSettings } = useApp();
  const { message, modal } = App.useApp();
  const saved = settings.deadlines;
  const [dayCount, setDayCount] = useState<DayCount>(saved.dayCount);
  const [warnDays, setWarnDays] = useState<number | null>(saved.warnDays);
  const [saving, setSaving] = useState(false);

  const changed = dayCount !== saved.dayCount || warnDays !== saved.warnDays;
  // the contract's check, and its message, of what was typed (a number out of range is kept, not clamped)
  const parsed = deadlineSettingsInput.safeParse({ dayCount, warnDays: warnDays ?? undefined });
  const valid = parsed.success;
  const problem = parsed.success
    ? null
    : warnDays === null
      ? '请填写提前提醒天数'
      : parsed.error.issues[0].message;

  const save = async () => {
    if (!parsed.success) return;
    setSaving(true);
    try {
      setSettings(await call('settings.saveDeadlines', parsed.data));
      message.success('期限计算设置已保存，所有事项的期限已按新设置重新计算');
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  const confirmAndSave = () => {
    if (dayCount === saved.dayCount) return void save();
    modal.confirm({
      title: `改为按“${dayCount === 'working' ? '工作日' : '自然日'}”计算期限？`,
      content: (
        <>
          <p>所有事项（包括已登记的）显示的到期日、剩余天数和待办提醒都会按新的计算方式重新计算。</p>
          {dayCount === 'working' && (
            <p>
              《信访工作条例》只对交办异议期明确规定按工作日计算，其他期限默认按自然日计算；改为工作日后多数期限会变长，请确认本单位确有此规定。
            </p>
          )}
        </>
      ),
      okText: '确定更改',
      cancelText: '取消',
      onOk: save,
    });
  };

  return (
    <Card size="small" title="期限计算" style={{ marginBottom: 16 }}>
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <div>
          <Typography.Text strong>期限计算方式</Typography.Text>
          <Radio.Group
            aria-label="期限计算方式"
            data-testid="deadline-day-count"
            style={{ display: 'flex', flexDirection: 'column', gap: 6, marginTop: 8 }}
            value={dayCount}
            onChange={(e) => setDayCount(e.target.value as DayCount)}
            options={(Object.keys(DAY_COUNTS) as DayCount[]).map((k) => ({
              value: k,
              label: (
                <>
                  {DAY_COUNTS[k]}
                  {k === 'calendar' && (
                    <Tag color="default" style={{ marginInlineStart: 8 }}>
                      默认
                    </Tag>
                  )}
                </>
              ),
            }))}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 13 }}>
            默认：自然日，首日不计，期限届满日为法定休假日的顺延至休假日后第一个工作日（民法典第二百零一条、第二百零三条）；交办异议期固定按
            {OBJECTION_WORKING_DAYS}个工作日。
          </Typography.Paragraph>
        </div>
        <div>
          <Typography.Text strong>提前提醒</Typography.Text>
          <div style={{ marginTop: 8 }}>
            <Space>
              <span>到期前</span>
              <InputNumber
                aria-label="提前提醒天数"
                data-testid="deadline-warn-days"
                style={{ width: 110 }}
                suffix="天"
                value={warnDays}
                onChange={(v) => setWarnDays(v)}
                onPressEnter={() => changed && valid && confirmAndSave()}
                status={valid ? undefined : 'error'}
              />
              <span>
                开始在待办中提醒（可填{WARN.minValue}–{WARN.maxValue}）
              </span>
            </Space>
          </div>
          {problem && (
            <Typography.Text type="danger" style={{ fontSize: 13 }}>
              {problem}
            </Typography.Text>
          )}
        </div>
        <Space>
          <Button
            type="primary"
            data-testid="deadline-save"
            disabled={!changed || !valid}
            loading={saving}
            onClick={confirmAndSave}
          >
            保存期限设置
          </Button>
          {changed && (
            <Button
              onClick={() => (setDayCount(saved.dayCount), setWarnDays(saved.warnDays))}
              disabled={saving}
            >
              撤销修改
            </Button>
          )}
        </Space>
      </Space>
    </Card>
  );
}
