/**
 * The Electron shell's wiring against a stubbed `electron` module (Electron itself cannot be
 * installed on every machine): single instance, window security, CSP, network block,
 * navigation guard, the app:// scheme, ipc on a real SQLite register, the preload bridge, and
 * the pure parts of build/native.mjs and the packaging config.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src-main/app/security';
import {
  APP_ORIGIN,
  contentSecurityPolicy,
  nativeFolderName,
  rendererResponse,
  startApp,
  type Runtime,
  openFailureMessage,
} from '../../src-main/app/shell';
import type { ElectronLike } from '../../src-main/app/electron-types';
import { safeFileName } from '../../src-main/app/ipc';
import { createBridge } from '../../src-main/app/preload-bridge';
import { IPC_CHANNELS } from '../../src-main/contract';
import * as native from '../../build/native.mjs';
import { SETUP } from '../helpers/store';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// ---- a stub of the parts of electron the shell touches, recording what it is asked ----------

const h = vi.hoisted(() => {
  type Fn = (...args: any[]) => any;
  interface FakeOptions {
    appPath: string;
    appData: string;
    lock?: boolean;
    isPackaged?: boolean;
    saveTo?: string | null;
    pickFolder?: string | null;
    /** the hidden PDF window's print engine fails */
    pdfFails?: boolean;
  }
  function listeners() {
    const map = new Map<string, Fn[]>();
    return {
      on(event: string, fn: Fn) {
        map.set(event, [...(map.get(event) ?? []), fn]);
      },
      emit(event: string, ...args: unknown[]) {
        for (const fn of map.get(event) ?? []) fn(...args);
      },
      count: (event: string) => (map.get(event) ?? []).length,
    };
  }
  function fakeContents() {
    const l = listeners();
    const c = {
      on: (e: string, fn: Fn) => (l.on(e, fn), c),
      emit: l.emit,
      count: l.count,
      openHandler: undefined as undefined | Fn,
      setWindowOpenHandler(fn: Fn) {
        c.openHandler = fn;
      },
      pdfOptions: [] as unknown[],
      /** what Chromium would lay out: here the page's own text after a PDF header, or a failure */
      pdfPage: undefined as undefined | (() => string),
      async printToPDF(options: unknown) {
        c.pdfOptions.push(options);
        return Buffer.from(`%PDF-1.4 ${c.pdfPage!()}`);
      },
    };
    return c;
  }
  function createFakeElectron(o: FakeOptions) {
    const appEvents = listeners();
    const rec = {
      lockRequests: 0,
      quit: 0,
      exits: [] as (number | undefined)[],
      whenReady: 0,
      userData: undefined as string | undefined,
      errorBoxes: [] as { title: string; content: string }[],
      messageBoxes: [] as { detail: string }[],
      saveDialogs: [] as { defaultPath: string; filters: unknown }[],
      folderDialogs: [] as { title: string; defaultPath?: string; properties: string[] }[],
      opened: [] as string[],
      schemes: [] as unknown[],
      menu: undefined as any,
    };
    const ipc = new Map<string, Fn>();
    const protocolHandlers = new Map<string, Fn>();
    const session = {
      headers: undefined as undefined | Fn,
      before: undefined as undefined | Fn,
      permission: undefined as undefined | Fn,
      spell: true,
    };
    const windows: any[] = [];
    class BrowserWindow {
      options: any;
      webContents = fakeContents();
      loaded: string | undefined;
      minimized = false;
      calls: string[] = [];
      private l = listeners();
      constructor(options: unknown) {
        this.options = options;
        windows.push(this);
        appEvents.emit('web-contents-created', {}, this.webContents);
      }
      loadURL(url: string) {
        this.loaded = url;
        this.webContents.pdfPage = () => {
          if (o.pdfFails) throw new Error('Printing failed: renderer crashed');
          return Buffer.from(url.replace(/^data:text\/html;charset=utf-8;base64,/, ''), 'base64').toString(
            'utf8',
          );
        };
        return Promise.resolve();
      }
      once(e: string, fn: Fn) {
        this.l.on(e, fn);
        return this;
      }
      on(e: string, fn: Fn) {
        this.l.on(e, fn);
        return this;
      }
      emit(e: string, ...args: unknown[]) {
        this.l.emit(e, ...args);
      }
      destroyed = false;
      isDestroyed = () => this.destroyed;
      destroy = () => (this.destroyed = true);
      isMinimized = () => this.minimized;
      restore = () => this.calls.push('restore');
      show = () => this.calls.push('show');
      focus = () => this.calls.push('focus');
    }
    const exposed = new Map<string, any>();
    const module = {
      app: {
        isPackaged: o.isPackaged ?? false,
        getPath: (name: string) =>
          name === 'appData' ? o.appData : name === 'documents' ? path.join(o.appData, 'docs') : rec.userData,
        setPath: (_name: string, value: string) => (rec.userData = value),
        getAppPath: () => o.appPath,
        getVersion: () => '9.8.7',
        requestSingleInstanceLock: () => (rec.lockRequests++, o.lock ?? true),
        whenReady: () => (rec.whenReady++, Promise.resolve()),
        quit: () => rec.quit++,
        exit: (code?: number) => rec.exits.push(code),
        setAppUserModelId: () => {},
        on: (e: string, fn: Fn) => appEvents.on(e, fn),
      },
      BrowserWindow,
      ipcMain: { handle: (channel: string, fn: Fn) => ipc.set(channel, fn) },
      Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => (rec.menu = m) },
      dialog: {
        showErrorBox: (title: string, content: string) => rec.errorBoxes.push({ title, content }),
        showMessageBox: async (_w: unknown, opts: { detail: string }) => (
          rec.messageBoxes.push(opts),
          { response: 1 }
        ),
        showSaveDialog: async (_w: unknown, opts: { defaultPath: string; filters: unknown }) => {
          rec.saveDialogs.push(opts);
          return o.saveTo ? { canceled: false, filePath: o.saveTo } : { canceled: true, filePath: '' };
        },
        showOpenDialog: async (
          _w: unknown,
          opts: { title: string; defaultPath?: string; properties: string[] },
        ) => {
          rec.folderDialogs.push(opts);
          return o.pickFolder
            ? { canceled: false, filePaths: [o.pickFolder] }
            : { canceled: true, filePaths: [] };
        },
      },
      session: {
        defaultSession: {
          webRequest: {
            onHeadersReceived: (fn: Fn) => (session.headers = fn),
            onBeforeRequest: (fn: Fn) => (session.before = fn),
          },
          setPermissionRequestHandler: (fn: Fn) => (session.permission = fn),
          setSpellCheckerEnabled: (on: boolean) => (session.spell = on),
        },
      },
      protocol: {
        registerSchemesAsPrivileged: (s: unknown[]) => rec.schemes.push(...s),
        handle: (scheme: string, fn: Fn) => protocolHandlers.set(scheme, fn),
      },
      shell: { openPath: async (p: string) => (rec.opened.push(p), '') },
      // the preload's side
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
      ipcRenderer: { invoke: async (..._args: unknown[]) => undefined as unknown },
    };
    return {
      module,
      rec,
      ipc,
      protocolHandlers,
      session,
      windows,
      exposed,
      emitApp: appEvents.emit,
      countApp: appEvents.count,
      fakeContents,
    };
  }
  return { createFakeElectron, current: undefined as undefined | ReturnType<typeof createFakeElectron> };
});

// each property reads the current fake: vitest keeps one mocked module per file
vi.mock('electron', () => {
  const keys = [
    'app',
    'BrowserWindow',
    'ipcMain',
    'Menu',
    'dialog',
    'session',
    'protocol',
    'shell',
    'contextBridge',
    'ipcRenderer',
  ] as const;
  const mod = {};
  for (const k of keys) Object.defineProperty(mod, k, { enumerable: true, get: () => h.current!.module[k] });
  return mod;
});

type Fake = ReturnType<typeof h.createFakeElectron>;

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
  vi.unstubAllEnvs();
});

function tempDir(prefix = 'petition-shell-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function runtime(over: Partial<Runtime> = {}): Runtime {
  // a version no .native build can exist for, so the Node build of better-sqlite3 is used
  return {
    argv: ['electron', '.'],
    env: {},
    platform: process.platform,
    arch: process.arch,
    electronVersion: '0.0.0-test',
    resourcesPath: '/nonexistent',
    ...over,
  };
}

async function start(
  opts: {
    lock?: boolean;
    isPackaged?: boolean;
    saveTo?: string | null;
    pickFolder?: string | null;
    pdfFails?: boolean;
    rt?: Partial<Runtime>;
  } = {},
) {
  const appData = tempDir();
  const fake = h.createFakeElectron({
    appPath: ROOT,
    appData,
    lock: opts.lock,
    isPackaged: opts.isPackaged,
    saveTo: opts.saveTo,
    pickFolder: opts.pickFolder,
    pdfFails: opts.pdfFails,
  });
  const started = await startApp(fake.module as unknown as ElectronLike, runtime(opts.rt));
  // quitting closes the register, as the app does
  cleanups.push(() => fake.emitApp('will-quit'));
  return { fake, started, appData };
}

const trusted = { senderFrame: { url: `${APP_ORIGIN}/index.html` }, sender: { send: () => {} } };
const foreign = { senderFrame: { url: 'https://example.com/' }, sender: { send: () => {} } };

function cancelled(fake: Fake, url: string): boolean {
  let result: { cancel?: boolean } | undefined;
  fake.session.before!({ url }, (r: { cancel?: boolean }) => (result = r));
  return result!.cancel === true;
}

// ---- startup --------------------------------------------------------------------------------

describe('single instance', () => {
  it('requests the lock and, as the second instance, quits without opening anything', async () => {
    const { fake, started } = await start({ lock: false });
    expect(fake.rec.lockRequests).toBe(1);
    expect(fake.rec.quit).toBe(1);
    expect(fake.rec.whenReady).toBe(0);
    expect(fake.windows).toHaveLength(0);
    expect(fake.ipc.size).toBe(0);
    expect(started.store).toBeNull();
  });

  it('the first instance brings its window back when a second one starts', async () => {
    const { fake, started } = await start();
    expect(fake.rec.quit).toBe(0);
    const win = fake.windows[0];
    expect(started.window).toBe(win);
    win.minimized = true;
    fake.emitApp('second-instance', {}, ['electron', '.'], '/');
    expect(win.calls).toEqual(['restore', 'show', 'focus']);
  });
});

describe('main.ts', () => {
  it('starts the shell with the electron module it imports', async () => {
    const appData = tempDir();
    const dataDir = path.join(appData, 'from-env');
    vi.stubEnv('PETITION_DATA_DIR', dataDir);
    h.current = h.createFakeElectron({ appPath: ROOT, appData });
    const fake = h.current;
    vi.resetModules();
    await import('../../src-main/app/main');
    await vi.waitFor(() => expect(fake.windows[0]?.loaded).toBe(`${APP_ORIGIN}/index.html`));
    cleanups.push(() => fake.emitApp('will-quit'));
    expect(fake.rec.lockRequests).toBe(1);
    expect(fake.rec.userData).toBe(dataDir);
    expect(fs.existsSync(path.join(dataDir, 'register.db'))).toBe(true);
  });
});

describe('window', () => {
  it('is sandboxed, isolated and without Node, with the preload bundle', async () => {
    const { fake } = await start();
    expect(fake.windows).toHaveLength(1);
    const o = fake.windows[0].options;
    expect(o.title).toBe('乡镇信访台账');
    expect(o.width).toBe(1280);
    expect(o.height).toBe(800);
    expect(o.minWidth).toBeGreaterThan(0);
    expect(o.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
    });
    expect(o.webPreferences.preload).toBe(path.join(ROOT, 'out', 'preload', 'preload.cjs'));
    expect(fake.windows[0].loaded).toBe(`${APP_ORIGIN}/index.html`);
  });

  it('keeps its fixed title whatever the page says', async () => {
    const { fake } = await start();
    const event = { preventDefault: vi.fn() };
    fake.windows[0].emit('page-title-updated', event, 'other');
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('has the Chinese menu, and 关于 shows the version and the data folder', async () => {
    const { fake, started } = await start();
    const menu = fake.rec.menu as {
      label: string;
      submenu: { label?: string; role?: string; click?: () => void }[];
    }[];
    expect(menu.map((m) => m.label.replace(/\(&.\)/, ''))).toEqual(['文件', '编辑', '视图', '帮助']);
    const items = (i: number) =>
      menu[i].submenu.filter((x) => x.label).map((x) => `${x.label}:${x.role ?? ''}`);
    expect(items(0)).toEqual(['退出:quit']);
    expect(items(1)).toEqual([
      '撤销:undo',
      '重做:redo',
      '剪切:cut',
      '复制:copy',
      '粘贴:paste',
      '全选:selectAll',
    ]);
    expect(items(2).slice(0, 5)).toEqual([
      '重新加载:reload',
      '实际大小:resetZoom',
      '放大:zoomIn',
      '缩小:zoomOut',
      '全屏:togglefullscreen',
    ]);
    menu[3].submenu.find((x) => x.label === '关于')!.click!();
    await vi.waitFor(() => expect(fake.rec.opened).toEqual([started.dataDir]));
    expect(fake.rec.messageBoxes[0].detail).toContain('9.8.7');
    expect(fake.rec.messageBoxes[0].detail).toContain(started.dataDir);
  });
});

describe('data folder and register', () => {
  it('is userData, named petition-register, unless --data-dir says otherwise', async () => {
    const a = await start();
    expect(a.started.dataDir).toBe(path.join(a.appData, 'petition-register'));
    expect(a.fake.rec.userData).toBe(a.started.dataDir);
    expect(fs.existsSync(path.join(a.started.dataDir, 'register.db'))).toBe(true);

    const dir = path.join(tempDir(), 'elsewhere');
    const b = await start({ rt: { argv: ['electron', '.', '--data-dir', dir] } });
    expect(b.started.dataDir).toBe(dir);
    expect(b.fake.rec.userData).toBe(dir);
    expect(fs.existsSync(path.join(dir, 'register.db'))).toBe(true);
  });

  it('an unexpected failure to open says a number to pass on, not the English cause', () => {
    const errors: unknown[][] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void errors.push(a));
    try {
      const cause = new Error('unable to open database file');
      const text = openFailureMessage(cause, 'D:\\台账', 'native.node', true);
      expect(text).toMatch(/^无法打开台账数据，程序将退出。\n\n发生内部错误（错误编号 \d{6}），/);
      expect(text).not.toContain('unable');
      const ref = /\d{6}/.exec(text)![0];
      expect(errors.some((a) => String(a[0]).includes(ref) && a[1] === cause)).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });

  it('closes the register on quit', async () => {
    const { fake, started } = await start();
    expect(started.store!.sqlite.open).toBe(true);
    fake.emitApp('will-quit');
    expect(started.store!.sqlite.open).toBe(false);
  });

  it('a register that cannot be opened gives a Chinese error and quits with nothing shown', async () => {
    const parent = tempDir();
    const dir = path.join(parent, 'data');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'register.db'), Buffer.alloc(4096, 7)); // not a database
    const { fake, started } = await start({ rt: { argv: ['electron', '.', '--data-dir', dir] } });
    expect(fake.rec.errorBoxes).toHaveLength(1);
    expect(fake.rec.errorBoxes[0].title).toContain('无法启动');
    expect(fake.rec.errorBoxes[0].content).toContain('无法打开台账数据');
    expect(fake.rec.errorBoxes[0].content).toContain(`数据文件夹：${dir}`);
    expect(fake.rec.exits).toEqual([1]);
    expect(fake.windows).toHaveLength(0);
    expect(started.store).toBeNull();
  });
});

// ---- security --------------------------------------------------------------------------------

describe('Content-Security-Policy', () => {
  it('is put on every response, replacing any the response brought', async () => {
    const { fake } = await start();
    let out: { responseHeaders: Record<string, string[]> } | undefined;
    fake.session.headers!(
      {
        url: 'app://renderer/index.html',
        responseHeaders: { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] },
      },
      (r: typeof out) => (out = r),
    );
    const csp = Object.entries(out!.responseHeaders).filter(
      ([k]) => k.toLowerCase() === 'content-security-policy',
    );
    expect(csp).toEqual([['Content-Security-Policy', [CONTENT_SECURITY_POLICY]]]);
    expect(out!.responseHeaders['Content-Type']).toEqual(['text/html']);

    fake.session.headers!({ url: 'app://renderer/assets/x.js' }, (r: typeof out) => (out = r));
    expect(out!.responseHeaders['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });

  it('is loosened only for the dev server, never in production', () => {
    expect(contentSecurityPolicy()).toBe(CONTENT_SECURITY_POLICY);
    const dev = contentSecurityPolicy(new URL('http://localhost:5173/'));
    expect(dev).toContain("script-src 'self' 'unsafe-inline'");
    expect(dev).toContain("connect-src 'self' ws://localhost:5173");
    expect(dev).toContain("object-src 'none'");
  });

  it('comes with the app:// pages themselves', async () => {
    const { fake } = await start();
    const res: Response = await fake.protocolHandlers.get('app')!(new Request(`${APP_ORIGIN}/index.html`));
    // the handler reads the built renderer; whether or not it is built, the header is there
    expect(res.headers.get('content-security-policy')).toBe(
      res.status === 200 ? CONTENT_SECURITY_POLICY : null,
    );
  });
});

describe('no network', () => {
  it('cancels every remote request in production, including localhost web servers', async () => {
    const { fake } = await start();
    expect(cancelled(fake, 'https://example.com/a.js')).toBe(true);
    expect(cancelled(fake, 'http://192.168.1.10/')).toBe(true);
    expect(cancelled(fake, 'http://localhost:5173/')).toBe(true);
    expect(cancelled(fake, 'wss://example.com/socket')).toBe(true);
    expect(cancelled(fake, `${APP_ORIGIN}/assets/index.js`)).toBe(false);
    expect(cancelled(fake, 'data:image/png;base64,AAAA')).toBe(false);
    expect(cancelled(fake, 'blob:app://renderer/1234')).toBe(false);
  });

  it('lets through only the electron-vite dev server in development', async () => {
    const { fake } = await start({ rt: { env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' } } });
    expect(fake.windows[0].loaded).toBe('http://localhost:5173/');
    expect(cancelled(fake, 'http://localhost:5173/src/main.tsx')).toBe(false);
    expect(cancelled(fake, 'ws://localhost:5173/')).toBe(false);
    expect(cancelled(fake, 'http://localhost:5174/')).toBe(true);
    expect(cancelled(fake, 'https://localhost:5173/')).toBe(true);
    expect(cancelled(fake, 'https://example.com/')).toBe(true);
  });

  it('ignores a dev server URL in a packaged app or one that is not on this machine', async () => {
    const packaged = await start({
      isPackaged: true,
      rt: { env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' } },
    });
    expect(packaged.fake.windows[0].loaded).toBe(`${APP_ORIGIN}/index.html`);
    expect(cancelled(packaged.fake, 'http://localhost:5173/')).toBe(true);
    const remote = await start({ rt: { env: { ELECTRON_RENDERER_URL: 'http://example.com:5173' } } });
    expect(remote.fake.windows[0].loaded).toBe(`${APP_ORIGIN}/index.html`);
  });

  it('refuses every permission and turns off the spell checker (it downloads dictionaries)', async () => {
    const { fake } = await start();
    const granted = vi.fn();
    fake.session.permission!({}, 'geolocation', granted);
    expect(granted).toHaveBeenCalledWith(false);
    expect(fake.session.spell).toBe(false);
  });
});

describe('navigation', () => {
  it('denies window.open and every navigation away from the app', async () => {
    const { fake } = await start();
    const contents = fake.windows[0].webContents;
    expect(contents.openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: `${APP_ORIGIN}/index.html` })).toEqual({ action: 'deny' });
    const navigate = (url: string, event = 'will-navigate') => {
      const e = { preventDefault: vi.fn() };
      contents.emit(event, e, url);
      return e.preventDefault.mock.calls.length > 0;
    };
    expect(navigate('https://example.com/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate('app://elsewhere/index.html')).toBe(true);
    expect(navigate('https://example.com/', 'will-redirect')).toBe(true);
    expect(navigate(`${APP_ORIGIN}/index.html#/cases`)).toBe(false);
    const attach = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', attach);
    expect(attach.preventDefault).toHaveBeenCalled();
  });

  it('guards every web contents created later, not only the main window', async () => {
    const { fake } = await start();
    const later = fake.fakeContents();
    fake.emitApp('web-contents-created', {}, later);
    expect(later.openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(later.count('will-navigate')).toBe(1);
  });
});

describe('app:// scheme', () => {
  function rendererDir() {
    const dir = tempDir('petition-renderer-');
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>t</title>');
    fs.writeFileSync(path.join(dir, 'assets', 'a.js'), 'console.log(1)');
    fs.writeFileSync(path.join(path.dirname(dir), 'secret.txt'), 'secret');
    cleanups.push(() => fs.rmSync(path.join(path.dirname(dir), 'secret.txt'), { force: true }));
    return dir;
  }

  it('serves the built renderer with types and the CSP', async () => {
    const dir = rendererDir();
    const js = await rendererResponse(dir, `${APP_ORIGIN}/assets/a.js`, 'CSP');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('content-security-policy')).toBe('CSP');
    expect(await js.text()).toBe('console.log(1)');
    const route = await rendererResponse(dir, `${APP_ORIGIN}/cases/12`, 'CSP');
    expect(await route.text()).toContain('<title>t</title>');
  });

  it('never reads outside the renderer folder', async () => {
    const dir = rendererDir();
    for (const p of [
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/..%5csecret.txt',
      '/assets/missing.js',
    ]) {
      const res = await rendererResponse(dir, `${APP_ORIGIN}${p}`, 'CSP');
      expect(res.status, p).toBe(404);
    }
    expect((await rendererResponse(dir, 'app://other/index.html', 'CSP')).status).toBe(404);
  });
});

// ---- ipc and the preload bridge ---------------------------------------------------------------

describe('ipc', () => {
  it("'api' runs dispatch on the real register", async () => {
    const { fake, started } = await start();
    const api = fake.ipc.get(IPC_CHANNELS.api)!;
    const before = await api(trusted, 'session.get', {});
    expect(before).toMatchObject({
      ok: true,
      value: { setupDone: false, dataDir: started.dataDir, installationId: started.store!.installationId },
    });

    const setup = await api(trusted, 'setup.create', SETUP);
    expect(setup.ok).toBe(true);
    const after = await api(trusted, 'session.get', undefined);
    expect(after).toMatchObject({
      ok: true,
      value: { setupDone: true, office: { name: SETUP.name }, currentUser: { name: '王登记' } },
    });
    // it is on disk: a fresh connection sees the office
    const Database = createRequire(import.meta.url)('better-sqlite3');
    const db = new Database(path.join(started.dataDir, 'register.db'), { readonly: true });
    expect(db.prepare('SELECT name FROM offices').all()).toEqual([{ name: SETUP.name }]);
    db.close();
  });

  it("'api' reports bad calls as readable errors and refuses foreign pages", async () => {
    const { fake, started } = await start();
    const api = fake.ipc.get(IPC_CHANNELS.api)!;
    expect(await api(trusted, 'no.such.method', {})).toMatchObject({
      ok: false,
      error: { message: '界面与服务的版本不一致，无法执行此操作。请重新启动程序' },
    });
    expect(await api(trusted, 42, {})).toMatchObject({ ok: false });
    const refused = await api(foreign, 'setup.create', SETUP);
    expect(refused).toMatchObject({ ok: false, error: { internal: true } });
    expect(await api({ senderFrame: null, sender: {} }, 'session.get', {})).toMatchObject({ ok: false });
    expect(started.store!.sqlite.prepare('SELECT count(*) AS n FROM offices').get()).toEqual({ n: 0 });
  });

  it("'save-file' writes the bytes where the person chose, and nothing when cancelled", async () => {
    const target = path.join(tempDir(), 'out.xlsx');
    const { fake } = await start({ saveTo: target });
    const save = fake.ipc.get(IPC_CHANNELS.saveFile)!;
    const bytes = Buffer.from([0x50, 0x4b, 3, 4, 0, 255]);
    expect(await save(trusted, '../../台账.xlsx', bytes.toString('base64'))).toBe(target);
    expect(fs.readFileSync(target)).toEqual(bytes);
    expect(path.basename(fake.rec.saveDialogs[0].defaultPath)).toBe('台账.xlsx');
    expect(fake.rec.saveDialogs[0].filters).toContainEqual({ name: 'Excel 工作簿', extensions: ['xlsx'] });
    expect(await save(foreign, 'x.xlsx', 'AAAA')).toBeNull();

    const cancelledRun = await start({ saveTo: null });
    expect(await cancelledRun.fake.ipc.get(IPC_CHANNELS.saveFile)!(trusted, 'x.xlsx', 'AAAA')).toBeNull();
  });

  it("'save-file' tells the person when the file cannot be written", async () => {
    const { fake } = await start({ saveTo: path.join(tempDir(), 'no', 'such', 'folder', 'x.pdf') });
    expect(await fake.ipc.get(IPC_CHANNELS.saveFile)!(trusted, 'x.pdf', 'AAAA')).toBeNull();
    expect(fake.rec.errorBoxes).toHaveLength(1);
    expect(fake.rec.errorBoxes[0].title).toBe('保存失败');
    // the system's English ("ENOENT: no such file or directory") stays in the log
    expect(fake.rec.errorBoxes[0].content).toContain('文件夹不存在');
    expect(fake.rec.errorBoxes[0].content).not.toMatch(/ENOENT|no such file/);
  });

  it("'pick-folder' returns the folder chosen in the native picker, nothing when cancelled or asked by a foreign page", async () => {
    const usb = tempDir();
    const { fake } = await start({ pickFolder: usb });
    const pick = fake.ipc.get(IPC_CHANNELS.pickFolder)!;
    expect(await pick(trusted, '选择发出文件夹', '/media/old')).toBe(usb);
    expect(fake.rec.folderDialogs[0]).toMatchObject({
      title: '选择发出文件夹',
      defaultPath: '/media/old',
      properties: ['openDirectory', 'createDirectory'],
    });
    expect(await pick(foreign, '选择发出文件夹', '')).toBeNull();
    expect(fake.rec.folderDialogs).toHaveLength(1);
    const cancelledRun = await start({ pickFolder: null });
    expect(
      await cancelledRun.fake.ipc.get(IPC_CHANNELS.pickFolder)!(trusted, '选择收件文件夹', ''),
    ).toBeNull();
  });

  it("'save-pdf' lays the page out in a hidden window without script and saves the PDF where the person chose", async () => {
    const target = path.join(tempDir(), '示范信受〔2026〕1号.pdf');
    const { fake } = await start({ saveTo: target });
    const savePdf = fake.ipc.get(IPC_CHANNELS.savePdf)!;
    const html = '<!doctype html><style>@page { size: A4 }</style><p>受理告知书</p>';
    const shown = fake.windows.length;
    expect(await savePdf(trusted, '示范信受〔2026〕1号.pdf', html)).toBe(target);
    expect(fs.readFileSync(target, 'utf8')).toBe(`%PDF-1.4 ${html}`);
    const hidden = fake.windows[shown];
    expect(hidden.options).toMatchObject({
      show: false,
      webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false },
    });
    expect(hidden.options.webPreferences.preload).toBeUndefined();
    expect(hidden.webContents.pdfOptions).toEqual([{ printBackground: true, preferCSSPageSize: true }]);
    expect(hidden.destroyed).toBe(true);
    expect(fake.rec.saveDialogs.at(-1)!.filters).toContainEqual({ name: 'PDF 文件', extensions: ['pdf'] });
    // the main window is untouched; a foreign page gets nothing laid out
    expect(fake.windows[0].destroyed).toBe(false);
    expect(await savePdf(foreign, 'x.pdf', html)).toBeNull();
    expect(await savePdf(trusted, 'x.pdf', 42)).toBeNull();
    expect(fake.windows).toHaveLength(shown + 1);
  });

  it("'save-pdf' says so when the page cannot be laid out, before asking where, and closes the hidden window", async () => {
    const { fake } = await start({ saveTo: path.join(tempDir(), 'x.pdf'), pdfFails: true });
    const dialogs = fake.rec.saveDialogs.length;
    expect(await fake.ipc.get(IPC_CHANNELS.savePdf)!(trusted, 'x.pdf', '<p>x</p>')).toBeNull();
    expect(fake.rec.errorBoxes).toEqual([
      { title: '存为 PDF 失败', content: expect.stringContaining('页面排版失败') },
    ]);
    // Electron's English reason stays in the log: the box names only the PDF format itself
    expect(fake.rec.errorBoxes[0].content.replaceAll('PDF', '')).toMatch(/^[^A-Za-z]*$/);
    expect(fake.rec.saveDialogs).toHaveLength(dialogs);
    expect(fake.windows.at(-1).destroyed).toBe(true);
  });

  it('file names proposed by the page lose folders and reserved characters', () => {
    expect(safeFileName('..\\..\\Windows\\a.xlsx')).toBe('a.xlsx');
    expect(safeFileName('信访:台账?.xlsx')).toBe('信访_台账_.xlsx');
    expect(safeFileName('a.pdf. ')).toBe('a.pdf');
    expect(safeFileName('')).toBe('导出文件');
  });
});

describe('preload bridge', () => {
  it('preload.ts exposes petitionBridge and nothing else', async () => {
    h.current = h.createFakeElectron({ appPath: ROOT, appData: tempDir() });
    vi.resetModules();
    await import('../../src-main/app/preload');
    expect([...h.current.exposed.keys()]).toEqual(['petitionBridge']);
    expect(Object.keys(h.current.exposed.get('petitionBridge')).sort()).toEqual([
      'call',
      'onProgress',
      'pickFolder',
      'saveFile',
      'savePdf',
    ]);
  });

  it('carries a call from the page to the register and back', async () => {
    const { fake, started } = await start();
    // what Electron does between ipcRenderer.invoke and ipcMain.handle, for the app's own page
    const bridge = createBridge({
      invoke: async (channel, ...args) => fake.ipc.get(channel)!(trusted, ...args),
      on: () => {},
      removeListener: () => {},
    });
    const session = await bridge.call('session.get');
    expect(session).toEqual({
      ok: true,
      value: expect.objectContaining({ setupDone: false, dataDir: started.dataDir }),
    });
    const bad = await bridge.call('session.setUser', { userId: 'nobody' });
    expect(bad).toMatchObject({ ok: false, error: { message: '所选工作人员不存在或已停用' } });
  });

  it('passes stage reports of long work to the page, without the event, until it stops listening', () => {
    const channels = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
    const ipcRenderer = {
      invoke: async () => null,
      on: (c: string, fn: (event: unknown, ...args: unknown[]) => void) =>
        channels.set(c, (channels.get(c) ?? new Set()).add(fn)),
      removeListener: (c: string, fn: (event: unknown, ...args: unknown[]) => void) =>
        channels.get(c)?.delete(fn),
    };
    const emit = (report: unknown) =>
      channels.get(IPC_CHANNELS.progress)?.forEach((fn) => fn({ sender: 'electron internals' }, report));
    const seen: unknown[] = [];
    const stop = createBridge(ipcRenderer).onProgress((p) => seen.push(p));
    emit({ method: 'sync.import', stage: '写入数据', done: 5000, total: 20000 });
    stop();
    emit({ method: 'sync.import', stage: '完成', done: 1, total: 1 });
    expect(seen).toEqual([{ method: 'sync.import', stage: '写入数据', done: 5000, total: 20000 }]);
  });
});

// ---- build/native.mjs and the packaging config ------------------------------------------------

describe('build/native.mjs', () => {
  const nodeBuild = path.join(
    ROOT,
    'node_modules',
    'better-sqlite3',
    'build',
    'Release',
    'better_sqlite3.node',
  );

  it('names the Electron build folder exactly as the main process looks for it', () => {
    expect(native.nativeFolderName('38.8.6', 'win32', 'x64')).toBe(
      nativeFolderName('38.8.6', 'win32', 'x64'),
    );
    expect(native.nativeFolderName('1.2.3', 'linux', 'arm64')).toBe('electron-1.2.3-linux-arm64');
  });

  it("reads the ABI and CPU of a real addon (this Node's build of better-sqlite3)", () => {
    const bytes = fs.readFileSync(nodeBuild);
    expect(native.detectNodeAbi(bytes)).toBe(Number(process.versions.modules));
    expect(native.detectArch(bytes)).toBe(process.arch);
  });

  it('reads the CPU of Windows and Linux arm64 headers', () => {
    const pe = (machine: number) => {
      const b = Buffer.alloc(0x100);
      b.write('MZ', 0, 'latin1');
      b.writeUInt32LE(0x80, 0x3c);
      b.write('PE\0\0', 0x80, 'latin1');
      b.writeUInt16LE(machine, 0x84);
      return b;
    };
    expect(native.detectArch(pe(0x8664))).toBe('x64');
    expect(native.detectArch(pe(0xaa64))).toBe('arm64');
    const elf = Buffer.alloc(64);
    elf.writeUInt32BE(0x7f454c46, 0);
    elf[5] = 1;
    elf.writeUInt16LE(0xb7, 18);
    expect(native.detectArch(elf)).toBe('arm64');
    expect(native.detectArch(Buffer.from('not a library'))).toBeNull();
    expect(native.detectNodeAbi(Buffer.from('xx node_register_module_v139 yy'))).toBe(139);
  });

  it('parses its command line', () => {
    const host = { platform: 'linux', arch: 'x64' };
    expect(native.parseArgs(['electron'], host)).toEqual({ platform: 'linux', arches: ['x64'] });
    expect(native.parseArgs(['electron', '--dist'], host)).toEqual({
      platform: 'linux',
      arches: ['x64', 'arm64'],
    });
    expect(native.parseArgs(['electron', '--platform', 'win32', '--arch=x64,arm64'], host)).toEqual({
      platform: 'win32',
      arches: ['x64', 'arm64'],
    });
    expect(() => native.parseArgs(['node'], host)).toThrow(/用法/);
    expect(() => native.parseArgs(['electron', '--bogus'], host)).toThrow(/未知参数/);
  });

  it('keeps npm settings that would build for the wrong target away from the build tools', () => {
    const env = native.toolEnv({
      npm_config_nodedir: '/usr',
      npm_config_runtime: 'node',
      PATH: '/bin',
      npm_config_cache: '/c',
    });
    expect(env).toEqual({ PATH: '/bin', npm_config_cache: '/c' });
  });

  it('rebuilds when the versions of the existing build do not match', () => {
    const dir = tempDir();
    const expected = { electron: '38.8.6', betterSqlite3: '12.9.0', platform: 'linux', arch: 'x64' };
    expect(native.isUpToDate(dir, expected)).toBe(false);
    fs.writeFileSync(path.join(dir, 'better_sqlite3.node'), 'x');
    fs.writeFileSync(
      path.join(dir, 'build-info.json'),
      JSON.stringify({ ...expected, betterSqlite3: '12.8.0' }),
    );
    expect(native.isUpToDate(dir, expected)).toBe(false);
    fs.writeFileSync(path.join(dir, 'build-info.json'), JSON.stringify(expected));
    expect(native.isUpToDate(dir, expected)).toBe(true);
  });
});

describe('packaging config', () => {
  const yaml = createRequire(import.meta.url)('js-yaml') as { load(s: string): any };
  const config = yaml.load(fs.readFileSync(path.join(ROOT, 'build', 'electron-builder.yml'), 'utf8'));
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

  it('builds for the Electron that package.json pins and ships the matching native builds', () => {
    expect(config.electronVersion).toBe(pkg.optionalDependencies.electron);
    expect(config.npmRebuild).toBe(false);
    for (const [key, platform] of [
      ['linux', 'linux'],
      ['win', 'win32'],
    ]) {
      expect(config[key].extraResources).toEqual([
        {
          from: `.native/${nativeFolderName(config.electronVersion, platform, '${arch}')}`,
          to: 'native',
          filter: ['better_sqlite3.node'],
        },
      ]);
    }
  });

  it('packages exactly the arches native.mjs --dist prepares', () => {
    const arches = (key: string) =>
      [...new Set(config[key].target.flatMap((t: { arch: string[] }) => t.arch))].sort();
    expect(arches('linux')).toEqual([...native.DIST_ARCHES.linux].sort());
    expect(arches('win')).toEqual([...native.DIST_ARCHES.win32].sort());
  });

  it('electron-vite and the browser mode build the same renderer', async () => {
    const { rendererConfig } = await import('../../vite.renderer.config');
    const electronVite = (await import('../../electron.vite.config')).default as {
      main: any;
      preload: any;
      renderer: any;
    };
    expect(electronVite.renderer.root).toBe(rendererConfig.root);
    expect(electronVite.renderer.build.outDir).toBe(path.join(ROOT, 'out', 'renderer'));
    expect(rendererConfig.build!.outDir).toBe(path.join(ROOT, 'out', 'renderer'));
    expect(electronVite.main.build.rollupOptions.external).toContain('better-sqlite3');
    expect(electronVite.preload.build.rollupOptions.output.format).toBe('cjs');
  });
});
