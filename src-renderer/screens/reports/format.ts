/** The report's figures as text: a value and its change against 同比 or 环比. */
import type { ReportValue } from '../../../src-main/contract';

/** +12.5% / −3.0个百分点 / — */
export function changeText(v: number | null, rate: boolean): string {
  if (v === null) return '—';
  const sign = v > 0 ? '+' : v < 0 ? '−' : '';
  return `${sign}${Math.abs(v).toFixed(1)}${rate ? '个百分点' : '%'}`;
}

/** 12 / 87.5% / — */
export function valueText(v: ReportValue, rate: boolean): string {
  if (v.value === null) return '—';
  return rate ? `${v.value.toFixed(1)}%` : String(v.value);
}
