/** Cells the report's tables share: a number that opens its cases, a coloured change. */
import type { ReactNode } from 'react';
import { Typography } from 'antd';
import type { CaseFilter } from '../../../src-main/contract';
import { openCases } from '../../lib/open-cases';
import { changeText } from './format';

/** A number that opens its cases. */
export function CasesLink({
  filter,
  children,
  testId,
  title,
}: {
  filter: CaseFilter;
  children: ReactNode;
  testId?: string;
  title?: string;
}) {
  return (
    <Typography.Link
      data-testid={testId}
      title={title ?? '查看这些信访事项'}
      onClick={() => openCases(filter)}
    >
      {children}
    </Typography.Link>
  );
}

/** +12.5% in red, −3.0% in green, 0 and — uncoloured. */
export function Change({ v, rate }: { v: number | null; rate: boolean }) {
  return (
    <span style={{ color: v === null || v === 0 ? undefined : v > 0 ? '#cf1322' : '#389e0d' }}>
      {changeText(v, rate)}
    </span>
  );
}
