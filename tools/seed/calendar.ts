/**
 * Days and times of a generated register: the span of received dates, weighted as a real
 * office's days are, and the date formats the generator writes.
 */

export const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
/** A Date's local day as 2026-11-22. */
export const localDay = (d: Date) => `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
export const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
/** Minutes of the day as 09:05. */
export const hhmm = (minutes: number) => `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;

/** Days of the span with weights (weekdays busy, weekends quiet, the register growing). */
export class Calendar {
  readonly days: string[] = [];
  readonly years: number[] = [];
  private readonly cumulative: number[] = [];
  private pointer = 0;
  readonly total: number;

  constructor(today: Date, years: number) {
    const end = new Date(today.getFullYear(), today.getMonth(), today.getDate());
    const start = new Date(end.getFullYear() - years, end.getMonth(), end.getDate() + 1);
    const span = Math.round((end.getTime() - start.getTime()) / 86_400_000) + 1;
    let sum = 0;
    for (let d = new Date(start), i = 0; d <= end; d.setDate(d.getDate() + 1), i++) {
      const weekday = d.getDay() !== 0 && d.getDay() !== 6;
      sum += (weekday ? 1 : 0.12) * (1 + (0.3 * i) / span);
      this.days.push(`${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`);
      this.years.push(d.getFullYear());
      this.cumulative.push(sum);
    }
    this.total = sum;
  }

  /** Index of the day at fraction u of the span; u must not decrease between calls. */
  dayAt(u: number): number {
    const x = u * this.total;
    while (this.pointer < this.cumulative.length - 1 && this.cumulative[this.pointer] <= x) this.pointer++;
    return this.pointer;
  }
}
