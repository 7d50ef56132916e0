/** Figures of the exchange screen shown in more than one of its parts. */
import { showDateTime } from '../../lib/format';

/** 第2号 11-22 08:29, the full time on hover */
export const lastPackage = (p: { seq: number; at: string } | null) =>
  p ? (
    <span title={showDateTime(p.at)} style={{ whiteSpace: 'nowrap' }}>
      第{p.seq}号 {showDateTime(p.at).slice(5, 16)}
    </span>
  ) : (
    '—'
  );

export const bytesText = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
