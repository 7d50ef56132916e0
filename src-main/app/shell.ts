/**
 * The Electron shell's wiring, as functions of the electron module objects so that it can be
 * tested against a stub (Electron itself cannot be installed on every machine). main.ts only
 * calls `startApp(electron)`.
 *
 * What it guarantees: one instance; one sandboxed window without Node; the app's pages come
 * from the app:// scheme (or the electron-vite dev server in development) with the CSP header;
 * no navigation, pop-up or network request leaves the app; the register is opened once and
 * closed on quit.
 *
 * Over 400 lines because each guarantee is a small exported function tested on its own, kept
 * beside the start-up sequence that applies them; the stand-in types are in electron-types.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { APP_FOLDER, dataDirOverride } from '../data-dir';
import { closeStore, type Store } from '../services/database';
import { openRegister } from '../services/open-register';
import { exportOnExit } from '../services/sync/folders';
import { currentUserId } from '../services/office';
import { readableFailure } from '../services/errors';
import { CONTENT_SECURITY_POLICY } from './security';
import { registerIpc } from './ipc';
import type {
  ElectronLike,
  HeaderMap,
  MenuItemOptions,
  PdfWindowOptions,
  PreventableEvent,
  SessionLike,
  WebContentsLike,
  WindowLike,
  WindowOptions,
} from './electron-types';

export const APP_TITLE = '乡镇信访台账';
export const APP_ID = 'cn.gov.petition.register';
/** The renderer is served as app://renderer/…: a secure, standard origin of its own, unlike file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** What differs between a run in Electron and a test. */
export interface Runtime {
  argv: string[];
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  arch: string;
  electronVersion: string;
  /** Electron's process.resourcesPath (where electron-builder's extraResources land) */
  resourcesPath: string;
}

export function currentRuntime(): Runtime {
  return {
    argv: process.argv,
    env: process.env,
    platform: process.platform,
    arch: process.arch,
    electronVersion: process.versions.electron ?? '',
    resourcesPath: (process as { resourcesPath?: string }).resourcesPath ?? '',
  };
}

// ---- pure rules -----------------------------------------------------------------------------

/**
 * The electron-vite dev server, when main was started by `electron-vite dev`. Never in a
 * packaged app (an environment variable must not be able to point the window elsewhere), and
 * only a loopback http address.
 */
export function devServerUrl(isPackaged: boolean, env: NodeJS.ProcessEnv): URL | undefined {
  const raw = env.ELECTRON_RENDERER_URL;
  if (isPackaged || !raw) return undefined;
  try {
    const url = new URL(raw);
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    return url.protocol === 'http:' && loopback ? url : undefined;
  } catch {
    return undefined;
  }
}

/** A page of this app: app://renderer/… or, in development, the dev server's origin. */
export function isAppUrl(raw: string, dev?: URL): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST) return true;
  return !!dev && url.origin === dev.origin;
}

/** Requests that would reach a network: everything over http(s)/ws(s) except the dev server. */
export function isBlockedRequest(raw: string, dev?: URL): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return true;
  }
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) return false;
  return !(dev && (url.protocol === 'http:' || url.protocol === 'ws:') && url.host === dev.host);
}

/**
 * The policy of security.ts; in development only, loosened for Vite's dev server (React
 * refresh's inline preamble and the HMR web socket).
 */
export function contentSecurityPolicy(dev?: URL): string {
  if (!dev) return CONTENT_SECURITY_POLICY;
  const extra: Record<string, string[]> = {
    'script-src': ["'unsafe-inline'"],
    'connect-src': [`ws://${dev.host}`],
  };
  return CONTENT_SECURITY_POLICY.split(';')
    .map((d) => d.trim())
    .map((d) => [d, ...(extra[d.split(/\s+/)[0]] ?? [])].join(' '))
    .join('; ');
}

/** Response headers with our CSP in place of any the response brought. */
export function withCsp(headers: HeaderMap | undefined, csp: string): HeaderMap {
  const out: HeaderMap = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (k.toLowerCase() !== 'content-security-policy') out[k] = v;
  }
  out['Content-Security-Policy'] = [csp];
  return out;
}

/** Folder name of the Electron build of better-sqlite3 under .native/ (build/native.mjs makes it). */
export function nativeFolderName(electronVersion: string, platform: string, arch: string): string {
  return `electron-${electronVersion}-${platform}-${arch}`;
}

/**
 * The better_sqlite3.node built for this Electron: shipped in resources/native by
 * electron-builder, or made in .native/ by build/native.mjs for `npm start`/`npm run dev`.
 * node_modules/better-sqlite3/build keeps the Node build for tests, the CLI and the web mode.
 */
export function nativeBindingPath(isPackaged: boolean, appPath: string, rt: Runtime): string {
  return isPackaged
    ? path.join(rt.resourcesPath, 'native', 'better_sqlite3.node')
    : path.join(
        appPath,
        '.native',
        nativeFolderName(rt.electronVersion, rt.platform, rt.arch),
        'better_sqlite3.node',
      );
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves one app:// request from the built renderer folder, with the CSP header. A path with
 * no file extension that does not exist gets index.html (client-side routes); nothing outside
 * the folder is ever read.
 */
export async function rendererResponse(
  rendererDir: string,
  requestUrl: string,
  csp: string,
): Promise<Response> {
  const notFound = () =>
    new Response('未找到', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  let rel: string;
  try {
    const url = new URL(requestUrl);
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return notFound();
    rel = decodeURIComponent(url.pathname);
  } catch {
    return notFound();
  }
  const root = path.resolve(rendererDir);
  let file = path.resolve(root, `.${path.posix.normalize(`/${rel}`)}`);
  if (file !== root && !file.startsWith(root + path.sep)) return notFound();
  if (file === root || (!fs.existsSync(file) && path.extname(file) === ''))
    file = path.join(root, 'index.html');
  let body: Buffer;
  try {
    body = await fs.promises.readFile(file);
  } catch {
    return notFound();
  }
  return new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    },
  });
}

// ---- wiring ---------------------------------------------------------------------------------

/** Every response gets the CSP header; every request that would leave the machine is cancelled. */
export function secureSession(session: SessionLike, dev?: URL): void {
  const csp = contentSecurityPolicy(dev);
  session.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: withCsp(details.responseHeaders, csp) }),
  );
  session.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: isBlockedRequest(details.url, dev) }),
  );
  // no camera, microphone, location, notifications … : the register needs none of them
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  // the spell checker would download dictionaries
  session.setSpellCheckerEnabled(false);
}

/** Keeps a page on the app: navigation elsewhere, pop-ups and <webview> are refused. */
export function guardWebContents(contents: WebContentsLike, dev?: URL): void {
  const stayHome = (event: PreventableEvent, url: string) => {
    if (!isAppUrl(url, dev)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function windowOptions(preload: string): WindowOptions {
  return {
    title: APP_TITLE,
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  };
}

export function pdfWindowOptions(): PdfWindowOptions {
  return {
    show: false,
    // A4 at 96 dpi; the page's own @page size decides the sheets
    width: 794,
    height: 1123,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      javascript: false,
      webSecurity: true,
      spellcheck: false,
    },
  };
}

/**
 * A page (letters, report tables) as PDF from Chromium's print engine, the same engine that
 * prints it: loaded into a hidden window of its own and laid out with the page's @page size.
 */
export async function renderPdf(BrowserWindow: ElectronLike['BrowserWindow'], html: string): Promise<Buffer> {
  const win = new BrowserWindow(pdfWindowOptions());
  try {
    await win.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`);
    return await win.webContents.printToPDF({ printBackground: true, preferCSSPageSize: true });
  } finally {
    win.destroy();
  }
}

export function menuTemplate(opts: { onAbout(): void; devTools: boolean }): MenuItemOptions[] {
  const sep: MenuItemOptions = { type: 'separator' };
  return [
    { label: '文件(&F)', submenu: [{ label: '退出', role: 'quit' }] },
    {
      label: '编辑(&E)',
      submenu: [
        { label: '撤销', role: 'undo' },
        { label: '重做', role: 'redo' },
        sep,
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
      ],
    },
    {
      label: '视图(&V)',
      submenu: [
        { label: '重新加载', role: 'reload' },
        sep,
        { label: '实际大小', role: 'resetZoom' },
        { label: '放大', role: 'zoomIn' },
        { label: '缩小', role: 'zoomOut' },
        sep,
        { label: '全屏', role: 'togglefullscreen' },
        ...(opts.devTools ? [sep, { label: '开发者工具', role: 'toggleDevTools' } as MenuItemOptions] : []),
      ],
    },
    { label: '帮助(&H)', submenu: [{ label: '关于', click: opts.onAbout }] },
  ];
}

/** The Chinese message shown when the register cannot be opened at start. */
export function openFailureMessage(
  e: unknown,
  dataDir: string,
  nativeBinding: string | undefined,
  isPackaged: boolean,
): string {
  const reason = readableFailure('cannot open the register', e);
  const hint =
    !isPackaged && !nativeBinding
      ? '\n\n未找到为 Electron 编译的 SQLite 模块，请先运行：node build/native.mjs electron（npm start 会自动运行）'
      : '';
  return `无法打开台账数据，程序将退出。\n\n${reason}\n\n数据文件夹：${dataDir}${hint}`;
}

export interface Started {
  store: Store | null;
  window: WindowLike | null;
  dataDir: string;
}

/**
 * Runs the app: resolves after the window is created, or at once (store and window null) when
 * another instance holds the lock or the register could not be opened.
 */
export async function startApp(electron: ElectronLike, rt: Runtime = currentRuntime()): Promise<Started> {
  const { app, BrowserWindow, Menu, dialog, protocol } = electron;

  // userData is the data folder, so Chromium's own files and the instance lock follow
  // --data-dir; by default it is named like data-dir.ts's folder, not after productName
  const dataDir = dataDirOverride(rt.argv, rt.env) ?? path.join(app.getPath('appData'), APP_FOLDER);
  app.setPath('userData', dataDir);
  const started: Started = { store: null, window: null, dataDir };

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return started;
  }
  if (rt.platform === 'win32') app.setAppUserModelId(APP_ID);
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);

  const dev = devServerUrl(app.isPackaged, rt.env);
  app.on('second-instance', () => {
    const win = started.window;
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, dev));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    if (!started.store?.sqlite.open) return;
    const { problem } = exportOnExit(started.store, currentUserId(started.store));
    if (problem)
      dialog.showErrorBox(
        '关闭时未能导出交换包',
        `${problem}\n本机数据未受影响，请下次打开后在“数据交换”中导出。`,
      );
    closeStore(started.store);
  });

  await app.whenReady();

  const appPath = app.getAppPath();
  const binding = nativeBindingPath(app.isPackaged, appPath, rt);
  const nativeBinding = fs.existsSync(binding) ? binding : undefined;
  try {
    started.store = openRegister({
      dataDir,
      nativeBinding,
      migrationsFolder: path.join(appPath, 'db', 'migrations'),
    });
  } catch (e) {
    dialog.showErrorBox(
      `${APP_TITLE}无法启动`,
      openFailureMessage(e, dataDir, nativeBinding, app.isPackaged),
    );
    app.exit(1);
    return started;
  }

  const csp = contentSecurityPolicy(dev);
  secureSession(electron.session.defaultSession, dev);
  const rendererDir = path.join(appPath, 'out', 'renderer');
  protocol.handle(APP_SCHEME, (request) => rendererResponse(rendererDir, request.url, csp));

  const win = new BrowserWindow(windowOptions(path.join(appPath, 'out', 'preload', 'preload.cjs')));
  started.window = win;
  // the title bar keeps the app's name whatever the page's <title> says
  win.on('page-title-updated', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());

  registerIpc(electron.ipcMain, {
    store: started.store,
    isTrustedUrl: (url) => isAppUrl(url, dev),
    showSaveDialog: async (options) => {
      const r = await dialog.showSaveDialog(win, options);
      return r.canceled || !r.filePath ? null : r.filePath;
    },
    showFolderDialog: async (title, current) => {
      const r = await dialog.showOpenDialog(win, {
        title,
        defaultPath: current,
        buttonLabel: '选择此文件夹',
        properties: ['openDirectory', 'createDirectory'],
      });
      return r.canceled || !r.filePaths[0] ? null : r.filePaths[0];
    },
    showError: (title, message) => dialog.showErrorBox(title, message),
    renderPdf: (html) => renderPdf(BrowserWindow, html),
    defaultDir: app.getPath('documents'),
  });

  const about = async () => {
    const { response } = await dialog.showMessageBox(win, {
      type: 'info',
      title: `关于${APP_TITLE}`,
      message: APP_TITLE,
      detail: `版本：${app.getVersion()}\n数据文件夹：${dataDir}\n\n本程序不联网，全部数据保存在上述文件夹中。`,
      buttons: ['确定', '打开数据文件夹'],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    });
    if (response === 1) await electron.shell.openPath(dataDir);
  };
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(menuTemplate({ onAbout: () => void about(), devTools: !app.isPackaged })),
  );

  await win.loadURL(dev ? dev.href : `${APP_ORIGIN}/index.html`).catch((e: Error) => {
    // a page that failed to load never becomes ready-to-show; show the window anyway
    console.error('[shell] the page did not load:', e.message);
    win.show();
  });
  return started;
}
