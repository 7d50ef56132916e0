/**
 * The register's wall-clock forms: a township records local times as the clerk reads them off
 * the office clock, at minute precision, with no time zone.
 */
const pad = (n: number) => String(n).padStart(2, '0');

/** Now, as 2026-11-22T09:30. */
export function nowLocal(): string {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Today, as 2026-11-22. */
export function todayLocal(): string {
  return nowLocal().slice(0, 10);
}
