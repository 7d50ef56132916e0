/**
 * The registration form, shared by intake and by editing a case: source, petitioners, matter.
 * Every check of the contract's intake schema is made here (ID number, phone, lengths, the
 * people and representatives), so the clerk sees the error beside the field before saving.
 */
import {
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Tag,
  TreeSelect,
  type FormInstance,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import {
  CHANNELS,
  COLLECTIVE_FROM,
  MATTER_TYPES,
  MAX_REPRESENTATIVES,
  intakeInput,
  parseIdNumber,
} from '../../src-main/contract';
import { useApp } from '../lib/app-context';
import { categoryTree, options } from '../lib/format';
import { pinyinFilter, matchesText } from '../lib/pinyin-filter';
import { schemaForm } from '../lib/schema-rules';
import { formPathOf, toIntakeInput, type CaseFormValues, type PetitionerValues } from './case-form-values';

// the form's rules are the contract's intake schema's (editing a case checks the same fields)
const f = schemaForm(
  intakeInput,
  (v) => toIntakeInput(v as CaseFormValues),
  (path, v) => formPathOf(path, v as CaseFormValues),
);

function IdInfo({ idNumber }: { idNumber?: string }) {
  if (!idNumber || idNumber.trim().length !== 18) return null;
  const r = parseIdNumber(idNumber);
  if (!r.ok) return null;
  const age = dayjs().diff(dayjs(r.info.birthDate), 'year');
  return (
    <span className="muted" data-testid="id-info">
      {r.info.gender === 'male' ? '男' : '女'} · {r.info.birthDate}（{age}岁）· 地区码 {r.info.regionCode}
    </span>
  );
}

export function CaseForm({
  form,
  onValuesChange,
}: {
  form: FormInstance<CaseFormValues>;
  onValuesChange?: (all: CaseFormValues) => void;
}) {
  const { settings } = useApp();
  const peopleCount = Form.useWatch('peopleCount', form) ?? 1;
  const petitioners: PetitionerValues[] = Form.useWatch('petitioners', form) ?? [];
  const channel = Form.useWatch('channel', form);
  const villageOptions = settings.villages.map((v) => ({ value: v.id, label: v.name }));
  const reps = petitioners.filter((p) => p?.representative).length;

  return (
    <Form<CaseFormValues>
      form={form}
      layout="vertical"
      onValuesChange={(_, all) => onValuesChange?.(all)}
      scrollToFirstError
    >
      <Card size="small" title="来源" style={{ marginBottom: 12 }}>
        <Row gutter={16}>
          <Col flex="auto">
            <Form.Item name="channel" label="信访形式" rules={f.rules('channel', '信访形式')}>
              <Radio.Group optionType="button" options={options(CHANNELS)} />
            </Form.Item>
          </Col>
          <Col flex="220px">
            <Form.Item name="receivedAt" label="收到时间" rules={f.rules('receivedAt', '收到时间')}>
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
                disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                allowClear={false}
              />
            </Form.Item>
          </Col>
        </Row>
        {channel === 'proxy' && (
          <Form.Item
            name="proxyBy"
            label="代理人"
            extra="代为提出信访的人员，如村（社区）干部的姓名及职务"
            // required for 代理: the contract's rule, which words the refusal (the mark only is the screen's)
            required
            rules={f.rules('proxyBy', '代理人')}
          >
            <Input
              count={f.count('proxyBy')}
              placeholder="例如 河东村党支部书记 王建华"
              style={{ maxWidth: 420 }}
            />
          </Form.Item>
        )}
      </Card>

      <Card
        size="small"
        style={{ marginBottom: 12 }}
        title={
          <Space>
            信访人
            {peopleCount >= COLLECTIVE_FROM && <Tag color="red">集体访（{peopleCount}人）</Tag>}
          </Space>
        }
        extra={
          <Space size="large">
            <Form.Item name="anonymous" valuePropName="checked" noStyle>
              <Checkbox>匿名</Checkbox>
            </Form.Item>
            <Form.Item name="jointly" valuePropName="checked" noStyle>
              <Checkbox>联名</Checkbox>
            </Form.Item>
            <span>
              人数{' '}
              <Form.Item name="peopleCount" noStyle rules={f.rules('peopleCount', '人数')}>
                <InputNumber aria-label="人数" style={{ width: 80 }} />
              </Form.Item>
            </span>
          </Space>
        }
      >
        {peopleCount >= COLLECTIVE_FROM && (
          <p className="muted" style={{ marginTop: 0 }}>
            多人走访应推选代表，代表不超过{MAX_REPRESENTATIVES}
            人（《信访工作条例》第二十条）；下方登记代表信息并勾选“代表”。已选代表 {reps} 人。
          </p>
        )}
        <Form.List name="petitioners" rules={f.listRules('petitioners', '信访人', form)}>
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, i) => (
                <div key={field.key} data-testid={`petitioner-${i}`}>
                  <Row gutter={8}>
                    <Col span={4}>
                      <Form.Item
                        name={[field.name, 'name']}
                        label={i === 0 ? '姓名' : undefined}
                        rules={f.rules(['petitioners', field.name, 'name'], '姓名')}
                      >
                        <Input
                          aria-label={`信访人${i + 1}姓名`}
                          count={f.count(['petitioners', field.name, 'name'], true)}
                        />
                      </Form.Item>
                    </Col>
                    <Col span={6}>
                      <Form.Item
                        name={[field.name, 'idNumber']}
                        label={i === 0 ? '身份证号' : undefined}
                        rules={f.rules(['petitioners', field.name, 'idNumber'], '身份证号')}
                        validateTrigger="onBlur"
                        extra={<IdInfo idNumber={petitioners[i]?.idNumber} />}
                      >
                        <Input aria-label={`信访人${i + 1}身份证号`} />
                      </Form.Item>
                    </Col>
                    <Col span={4}>
                      <Form.Item
                        name={[field.name, 'phone']}
                        label={i === 0 ? '电话' : undefined}
                        rules={f.rules(['petitioners', field.name, 'phone'], '电话')}
                        validateTrigger="onBlur"
                      >
                        <Input aria-label={`信访人${i + 1}电话`} />
                      </Form.Item>
                    </Col>
                    <Col span={4}>
                      <Form.Item name={[field.name, 'villageId']} label={i === 0 ? '所在村/社区' : undefined}>
                        <Select
                          aria-label={`信访人${i + 1}村社区`}
                          allowClear
                          showSearch={{ filterOption: pinyinFilter }}
                          options={villageOptions}
                        />
                      </Form.Item>
                    </Col>
                    <Col span={4}>
                      <Form.Item
                        name={[field.name, 'address']}
                        label={i === 0 ? '住址' : undefined}
                        rules={f.rules(['petitioners', field.name, 'address'], '住址')}
                      >
                        <Input
                          aria-label={`信访人${i + 1}住址`}
                          count={f.count(['petitioners', field.name, 'address'], true)}
                        />
                      </Form.Item>
                    </Col>
                    <Col span={2}>
                      <Space align="start">
                        <Form.Item
                          name={[field.name, 'representative']}
                          valuePropName="checked"
                          label={i === 0 ? '代表' : undefined}
                        >
                          <Checkbox aria-label={`信访人${i + 1}为代表`} />
                        </Form.Item>
                        {fields.length > 1 && (
                          <Form.Item label={i === 0 ? ' ' : undefined}>
                            <Button
                              type="text"
                              size="small"
                              aria-label={`删除信访人${i + 1}`}
                              title="删除此人"
                              icon={<DeleteOutlined />}
                              onClick={() => remove(field.name)}
                            />
                          </Form.Item>
                        )}
                      </Space>
                    </Col>
                  </Row>
                </div>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ representative: peopleCount >= COLLECTIVE_FROM })}
              >
                增加信访人
              </Button>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
      </Card>

      <Card size="small" title="信访事项">
        <Row gutter={16}>
          <Col span={10}>
            <Form.Item name="matterType" label="事项性质" rules={f.rules('matterType', '事项性质')}>
              <Radio.Group options={options(MATTER_TYPES)} />
            </Form.Item>
          </Col>
          <Col span={7}>
            <Form.Item name="categoryId" label="内容分类">
              <TreeSelect
                aria-label="内容分类"
                allowClear
                showSearch={{ filterTreeNode: (input, node) => matchesText(String(node.title ?? ''), input) }}
                treeData={categoryTree(settings.categories)}
                placeholder="输入文字或拼音首字母查找"
              />
            </Form.Item>
          </Col>
          <Col span={7}>
            <Form.Item name="villageId" label="问题属地（村/社区）">
              <Select
                aria-label="问题属地"
                allowClear
                showSearch={{ filterOption: pinyinFilter }}
                options={villageOptions}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="summary" label="内容摘要" rules={f.rules('summary', '内容摘要')}>
          <Input
            aria-label="内容摘要"
            count={f.count('summary')}
            placeholder="一句话概括诉求，如：反映土地征收补偿款未足额发放"
          />
        </Form.Item>
        <Form.Item name="content" label="信访内容" rules={f.rules('content', '信访内容')}>
          <Input.TextArea
            aria-label="信访内容"
            autoSize={{ minRows: 4, maxRows: 14 }}
            count={f.count('content')}
          />
        </Form.Item>
        <Form.Item name="skipLevel" valuePropName="checked" style={{ marginBottom: 0 }}>
          <Checkbox>越级（未向有权处理的本级机关提出，直接向上级反映）</Checkbox>
        </Form.Item>
        <Form.Item name="repeatOf" hidden>
          <Input />
        </Form.Item>
        <Form.Item name="attachments" hidden>
          <Input />
        </Form.Item>
      </Card>
    </Form>
  );
}
