/**
 * The order of the county's township table by one of its columns, on screen, on paper and in
 * Excel alike: a rate ranks highest first, a count of petitions or overdue cases fewest first, a
 * township without a value last, equal values in code order. Equal values share a rank
 * (1, 2, 2, 4), as an office ranking is read.
 */
export function rankRows<R extends { officeId: string; values: Record<string, number | null> }>(
  rows: R[],
  by: string,
  rate: boolean,
): (R & { rank: number })[] {
  const score = (r: R) => {
    const v = r.values[by] ?? (rate ? -1 : Infinity);
    return rate ? -v : v;
  };
  const sorted = [...rows].sort((a, b) => score(a) - score(b) || a.officeId.localeCompare(b.officeId));
  return sorted.map((r) => ({ ...r, rank: sorted.findIndex((x) => score(x) === score(r)) + 1 }));
}
