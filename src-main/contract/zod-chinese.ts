/**
 * The words zod uses for a refusal a schema does not spell out itself. Every message a clerk can
 * see is Simplified Chinese; zod's own zh-CN locale still names types, formats and keys in
 * English ("期望 string，实际接收 空值(null)"), so this map replaces it for every issue kind and
 * never names a type, a key, a pattern or an internal value. Imported by the contract's index
 * (and by fields.ts, which every schema uses), so it applies in main and the renderer alike.
 */
import { z } from 'zod';

type Issue = z.core.$ZodRawIssue;

/** A limit as the clerk reads it: a number, or a date for a date's bounds. */
function limit(value: number | bigint, origin: string | undefined): string {
  if (origin === 'date') {
    const d = new Date(Number(value));
    return Number.isNaN(d.getTime()) ? '限定日期' : d.toISOString().slice(0, 10);
  }
  return String(value);
}

const UNITS: Record<string, string> = {
  string: '字',
  array: '项',
  set: '项',
  map: '项',
  file: '字节',
};

function tooBig(issue: Extract<Issue, { code: 'too_big' }>): string {
  const unit = UNITS[issue.origin ?? ''];
  const max = limit(issue.maximum, issue.origin);
  if (unit) return issue.inclusive === false ? `应少于 ${max} ${unit}` : `最多 ${max} ${unit}`;
  if (issue.origin === 'date') return issue.inclusive === false ? `应早于 ${max}` : `不能晚于 ${max}`;
  return issue.inclusive === false ? `应小于 ${max}` : `不能大于 ${max}`;
}

function tooSmall(issue: Extract<Issue, { code: 'too_small' }>): string {
  const unit = UNITS[issue.origin ?? ''];
  const min = limit(issue.minimum, issue.origin);
  if (issue.origin === 'string' && Number(issue.minimum) <= 1) return '请填写此项';
  if (unit && Number(issue.minimum) <= 1) return '请至少填写一项';
  if (unit) return issue.inclusive === false ? `应多于 ${min} ${unit}` : `至少 ${min} ${unit}`;
  if (issue.origin === 'date') return issue.inclusive === false ? `应晚于 ${min}` : `不能早于 ${min}`;
  return issue.inclusive === false ? `应大于 ${min}` : `不能小于 ${min}`;
}

/** The Chinese message for an issue that carries none of its own. */
export function chineseIssueMessage(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null || issue.input === ''
        ? '请填写此项'
        : '格式不正确';
    case 'too_big':
      return tooBig(issue);
    case 'too_small':
      return tooSmall(issue);
    case 'invalid_format':
      return '格式不正确';
    case 'not_multiple_of':
      return `应为 ${String(issue.divisor)} 的整数倍`;
    case 'unrecognized_keys':
      return '含有本版本不认识的内容，请重新启动程序后再试';
    case 'invalid_union':
      return '格式不正确';
    case 'invalid_value':
      return issue.values.length > 1 ? '请从所列选项中选择' : '取值不正确';
    case 'invalid_key':
    case 'invalid_element':
      return '内容有误';
    case 'custom':
      return '输入有误';
    default:
      return '输入有误';
  }
}

z.config({ localeError: (issue) => chineseIssueMessage(issue) });
