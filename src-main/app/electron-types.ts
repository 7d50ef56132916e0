/**
 * The parts of the electron module the shell uses (shell.ts), as stand-in types: the shell is
 * written against these rather than Electron's own, so that it can be tested against a stub on
 * machines where Electron cannot be installed (tests/unit/electron-shell.test.ts). Electron's
 * real objects satisfy them; main.ts passes the electron module itself.
 */
import type { IpcMainLike, SaveDialogOptions } from './ipc';

export interface PreventableEvent {
  preventDefault(): void;
}
export interface WebContentsLike {
  on(event: 'will-navigate', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  printToPDF(options: { printBackground: boolean; preferCSSPageSize: boolean }): Promise<Buffer>;
}
export interface WindowLike {
  readonly webContents: WebContentsLike;
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'page-title-updated', listener: (event: PreventableEvent) => void): unknown;
  isDestroyed(): boolean;
  destroy(): void;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}
export interface WindowOptions {
  title: string;
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  show: boolean;
  backgroundColor: string;
  webPreferences: {
    preload: string;
    contextIsolation: boolean;
    sandbox: boolean;
    nodeIntegration: boolean;
    nodeIntegrationInSubFrames: boolean;
    webSecurity: boolean;
    webviewTag: boolean;
    spellcheck: boolean;
  };
}
/** The hidden window that lays out a page for PDF: no preload, no script, never shown. */
export interface PdfWindowOptions {
  show: false;
  width: number;
  height: number;
  webPreferences: {
    contextIsolation: true;
    sandbox: true;
    nodeIntegration: false;
    javascript: false;
    webSecurity: true;
    spellcheck: false;
  };
}
export interface AppLike {
  readonly isPackaged: boolean;
  getPath(name: 'appData' | 'userData' | 'documents'): string;
  setPath(name: 'userData', value: string): void;
  getAppPath(): string;
  getVersion(): string;
  requestSingleInstanceLock(): boolean;
  whenReady(): Promise<void>;
  quit(): void;
  exit(exitCode?: number): void;
  setAppUserModelId(id: string): void;
  on(event: 'second-instance', listener: () => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  on(event: 'will-quit', listener: () => void): unknown;
  on(event: 'web-contents-created', listener: (event: unknown, contents: WebContentsLike) => void): unknown;
}
export type HeaderMap = Record<string, string | string[]>;
export interface SessionLike {
  webRequest: {
    onHeadersReceived(
      listener: (
        details: { url: string; responseHeaders?: HeaderMap },
        callback: (response: { responseHeaders?: HeaderMap }) => void,
      ) => void,
    ): void;
    onBeforeRequest(
      listener: (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void,
    ): void;
  };
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setSpellCheckerEnabled(enable: boolean): void;
}
export interface ProtocolLike {
  registerSchemesAsPrivileged(
    schemes: {
      scheme: string;
      privileges: { standard: boolean; secure: boolean; supportFetchAPI: boolean; codeCache: boolean };
    }[],
  ): void;
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void;
}
export type MenuRole =
  | 'quit'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'reload'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'toggleDevTools';
export interface MenuItemOptions {
  label?: string;
  role?: MenuRole;
  type?: 'separator';
  click?: () => void;
  submenu?: MenuItemOptions[];
}
export interface ElectronLike {
  app: AppLike;
  BrowserWindow: new (options: WindowOptions | PdfWindowOptions) => WindowLike;
  ipcMain: IpcMainLike;
  Menu: { buildFromTemplate(template: MenuItemOptions[]): unknown; setApplicationMenu(menu: unknown): void };
  dialog: {
    showErrorBox(title: string, content: string): void;
    showMessageBox(
      window: object,
      options: {
        type: 'info';
        title: string;
        message: string;
        detail: string;
        buttons: string[];
        defaultId: number;
        cancelId: number;
        noLink: boolean;
      },
    ): Promise<{ response: number }>;
    showSaveDialog(
      window: object,
      options: SaveDialogOptions,
    ): Promise<{ canceled: boolean; filePath?: string }>;
    showOpenDialog(
      window: object,
      options: {
        title: string;
        defaultPath?: string;
        buttonLabel: string;
        properties: ['openDirectory', 'createDirectory'];
      },
    ): Promise<{ canceled: boolean; filePaths: string[] }>;
  };
  session: { defaultSession: SessionLike };
  protocol: ProtocolLike;
  shell: { openPath(path: string): Promise<string> };
}
