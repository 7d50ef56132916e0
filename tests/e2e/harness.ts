/**
 * End-to-end harness: starts `src-main/web.ts` (the real services on a real SQLite file behind
 * the loopback bridge) as a child process, and Debian's Chromium through playwright-core.
 * The renderer must have been built (npm test builds it before the e2e project runs).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { SetupInput } from '../../src-main/contract';
import { closeStore, type Store } from '../../src-main/services/database';
import { openRegister } from '../../src-main/services/open-register';
import { call, SETUP } from '../helpers/store';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function chromiumPath(): string {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ];
  const found = candidates.find((p) => p && fs.existsSync(p));
  if (!found)
    throw new Error(
      "Chromium not found: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH",
    );
  return found;
}

export function tempDataDir(prefix = 'petition-e2e-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface Server {
  url: string;
  process: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function startServer(dataDir: string): Promise<Server> {
  if (!fs.existsSync(path.join(ROOT, 'out/renderer/index.html'))) {
    throw new Error('out/renderer is not built: run `npx vite build --config vite.renderer.config.ts` first');
  }
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'src-main/web.ts'), '--port', '0', '--data-dir', dataDir],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  // never leave a server behind when the test process ends early
  const killChild = () => child.kill('SIGKILL');
  process.once('exit', killChild);
  child.once('exit', () => process.off('exit', killChild));
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web server did not start in time:\n${log}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      log += d.toString();
      const m = /WEB_URL=(\S+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web server exited with ${code}:\n${log}`));
    });
  });
  return {
    url,
    process: child,
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}

export async function newPage(
  browser: Browser,
  reducedMotion: 'reduce' | 'no-preference' = 'reduce',
): Promise<Page> {
  // reduced motion, as a clerk may set it in Windows: dialogs then open without zooming in. A
  // dialog zooming in can move between the press and the release of a click, and the click is
  // lost (Playwright checks only where the press lands). A CI run waited out a 出具 whose
  // confirmation stayed open after the test had clicked it; this explains it.
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    acceptDownloads: true,
    reducedMotion,
  });
  return context.newPage();
}

/** One app under test: its data folder, its server, and a page of the shared browser. */
export interface OpenedApp {
  dataDir: string;
  server: Server;
  page: Page;
  /** the server's address without the sign-in token: navigate with `${base}#/work` once `server.url` has been opened */
  base: string;
  /** stops the server (SIGTERM unless told) and starts a new one on the same data folder; `server` and `base` follow */
  restart(signal?: NodeJS.Signals): Promise<void>;
}

export interface OpenAppOptions {
  /** the data folder's name prefix (default: tempDataDir's) */
  prefix?: string;
  /** the office set up through the api before the server starts: SETUP from tests/helpers/store by default, null for none */
  setup?: SetupInput | null;
  /** writes more data into the register after the set-up, before the server starts */
  fill?: (store: Store) => Promise<void> | void;
}

/**
 * A fresh data folder, set up (and filled) through the real services on a real SQLite file, then
 * closed and served by `src-main/web.ts`, with a new page of `browser`. The page has not been
 * navigated yet. The test stops the server (`app.server.stop()`) and closes the browser.
 */
export async function openApp(browser: Browser, opts: OpenAppOptions = {}): Promise<OpenedApp> {
  const dataDir = tempDataDir(opts.prefix);
  const setup = opts.setup === undefined ? SETUP : opts.setup;
  if (setup || opts.fill) {
    const store = openRegister({ dataDir });
    try {
      if (setup) await call(store, 'setup.create', setup);
      await opts.fill?.(store);
    } finally {
      closeStore(store);
    }
  }
  const server = await startServer(dataDir);
  const page = await newPage(browser).catch(async (e: unknown) => {
    await server.stop();
    throw e;
  });
  const baseOf = (s: Server) => s.url.split('#')[0];
  const app: OpenedApp = {
    dataDir,
    server,
    page,
    base: baseOf(server),
    async restart(signal) {
      await app.server.stop(signal);
      app.server = await startServer(dataDir);
      app.base = baseOf(app.server);
    },
  };
  return app;
}

/**
 * Issues the letter drafted in the open dialog: 出具, then the confirmation's 出具. Resolves once
 * the issued letter shows (and `text` in it, when given); a refusal on the form fails the test
 * with its reason rather than waiting it out.
 */
export async function issueDraftedLetter(page: Page, text?: string): Promise<void> {
  await page.getByTestId('issue-letter').click();
  const confirm = page.locator('.ant-modal-confirm');
  await confirm.getByRole('button', { name: '出具' }).click();
  await confirm.waitFor({ state: 'detached' });
  const issued = page.frameLocator('[data-testid="issued-preview"]');
  const outcome = await Promise.race([
    (text ? issued.getByText(text) : issued.locator('body')).waitFor().then(() => 'issued'),
    page
      .getByTestId('letter-error')
      .waitFor()
      .then(async () => `refused: ${await page.getByTestId('letter-error').textContent()}`),
  ]);
  if (outcome !== 'issued') throw new Error(`出具 failed: ${outcome}`);
}

/**
 * Holds the services' answer to the page's next call of `method` until `release()`: the call is
 * made (the server does its work at once), only its answer reaches the page late. `sent`
 * resolves when the call has gone out; `delivered` when the held answer has reached the page.
 */
export async function holdNextAnswer(
  page: Page,
  method: string,
): Promise<{ sent: Promise<void>; release(): void; delivered: Promise<void> }> {
  let onSent!: () => void;
  const sent = new Promise<void>((resolve) => (onSent = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let onDelivered!: () => void;
  const delivered = new Promise<void>((resolve) => (onDelivered = resolve));
  await page.route(
    `**/api/${encodeURIComponent(method)}`,
    async (route) => {
      onSent();
      const response = await route.fetch();
      await released;
      const finished = page.waitForEvent('requestfinished', (r) => r === route.request());
      await route.fulfill({ response });
      await finished.then(onDelivered, () => undefined); // the page may be gone by then: nobody waits
    },
    { times: 1 },
  );
  return { sent, release, delivered };
}
