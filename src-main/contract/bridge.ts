/**
 * What the Electron preload puts on `window.petitionBridge`, for the renderer's api client to
 * import types from (it uses the loopback HTTP bridge when the property is absent). The
 * channel names are shared by the preload and the main-process handlers so they cannot drift.
 */
import type { ApiInput, ApiMethod, ApiOutput } from './index';
import type { ApiResult } from './method';

export const BRIDGE_KEY = 'petitionBridge';

export const IPC_CHANNELS = {
  api: 'api',
  saveFile: 'save-file',
  savePdf: 'save-pdf',
  pickFolder: 'pick-folder',
  /** main → page: a stage of long work (sync export, import) while its 'api' call runs */
  progress: 'progress',
} as const;

/** One stage report of long work; `total` 0 means the stage cannot say how far it is. */
export interface ProgressReport {
  method: string;
  stage: string;
  done: number;
  total: number;
}

/** The input may be left out only where the method's schema accepts nothing. */
export type BridgeCallArgs<M extends ApiMethod> =
  undefined extends ApiInput<M> ? [input?: ApiInput<M>] : [input: ApiInput<M>];

export interface PetitionBridge {
  /** Runs one method of the contract in the main process; failures come back as `{ ok: false }`, never as a rejection. */
  call<M extends ApiMethod>(method: M, ...args: BridgeCallArgs<M>): Promise<ApiResult<ApiOutput<M>>>;
  /** Asks where to save (a native dialog) and writes the bytes there; the chosen path, or null if cancelled or not written. */
  saveFile(fileName: string, base64: string): Promise<string | null>;
  /** Asks for a folder with the native picker (e.g. the USB drive for sync packages); null if cancelled. */
  pickFolder(title: string, current?: string): Promise<string | null>;
  /** Listens to the stages of long work while a call runs; returns the way to stop listening. */
  onProgress(listener: (p: ProgressReport) => void): () => void;
  /** Lays out a page (letters, report tables) with Chromium's print engine and saves it as PDF where the person chooses; the path, or null. */
  savePdf(fileName: string, html: string): Promise<string | null>;
}

/** `window` as the renderer sees it inside the Electron shell (the property is absent in the browser mode). */
export type WindowWithBridge = { [BRIDGE_KEY]?: PetitionBridge };
