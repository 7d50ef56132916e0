/**
 * Progress in the terminal, for the command line and the web bridge's console: a line per long
 * task (rewritten in place on a terminal, one every few seconds otherwise), stage lines of an
 * export or import, and the rebuilds a new version may run while opening the register.
 */
import type { StartupTask } from './services/open-register';

export const formatCount = (n: number) => Math.round(n).toLocaleString('en-US');

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}秒`;
  if (s < 3600) return `${Math.floor(s / 60)}分${s % 60}秒`;
  return `${Math.floor(s / 3600)}小时${Math.floor((s % 3600) / 60)}分`;
}

/** A progress line on stderr: rewritten in place on a terminal, one line every few seconds otherwise. */
export function progressReporter(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const started = performance.now();
  const samples: { t: number; done: number }[] = [{ t: started, done: 0 }];
  let lastPrinted = 0;
  return {
    update(done: number, total: number) {
      const now = performance.now();
      samples.push({ t: now, done });
      // the rate over the last 30 seconds follows a load that slows down as the file grows
      while (samples.length > 2 && now - samples[0].t > 30_000) samples.shift();
      const first = samples[0];
      const rate = now > first.t ? ((done - first.done) * 1000) / (now - first.t) : 0;
      const eta = rate > 0 ? (total - done) / rate : Infinity;
      const pct = total ? ((100 * done) / total).toFixed(1) : '100';
      const line = `${label}：${formatCount(done)} / ${formatCount(total)} 件（${pct}%），${formatCount(rate)} 件/秒，已用 ${formatDuration((now - started) / 1000)}，预计剩余 ${formatDuration(eta)}`;
      if (stream.isTTY) stream.write(`\r${line}\x1b[K`);
      else if (now - lastPrinted > 5000 || done === total) {
        stream.write(`${line}\n`);
        lastPrinted = now;
      }
    },
    done() {
      if (stream.isTTY) stream.write('\n');
    },
  };
}

/** Progress lines for the rebuilds a new version may run while opening the register. */
export function startupProgress(): (task: StartupTask, done: number, total: number) => void {
  const reporters = new Map<StartupTask, ReturnType<typeof progressReporter>>();
  return (task, done, total) => {
    let r = reporters.get(task);
    if (!r) reporters.set(task, (r = progressReporter(`升级后${task}`)));
    r.update(done, total);
    if (done >= total) r.done();
  };
}

/** Stage lines of an export or import on stderr: each stage when it starts, then its progress. */
export function stageReporter() {
  let stage = '';
  let bar: ReturnType<typeof progressReporter> | null = null;
  return (name: string, done: number, total: number) => {
    if (name !== stage) {
      bar?.done();
      stage = name;
      process.stderr.write(`${name}…\n`);
      bar = total > 1 ? progressReporter(name) : null;
    }
    if (total > 1) bar?.update(done, total);
  };
}
