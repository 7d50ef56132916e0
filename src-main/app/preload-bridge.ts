/**
 * The object the preload exposes as `window.petitionBridge`: each function forwards to one ipc
 * channel, and nothing else of Electron or Node reaches the page. Kept apart from preload.ts
 * so it can be tested without Electron.
 */
// the bridge file alone: the preload bundle carries none of the schemas
import { BRIDGE_KEY, IPC_CHANNELS, type PetitionBridge, type ProgressReport } from '../contract/bridge';

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  // any: Electron's own listener types must be assignable here
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  on(channel: string, listener: (event: unknown, ...args: any[]) => void): unknown;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  removeListener(channel: string, listener: (event: unknown, ...args: any[]) => void): unknown;
}
export interface ContextBridgeLike {
  exposeInMainWorld(apiKey: string, api: unknown): void;
}

export function createBridge(ipcRenderer: IpcRendererLike): PetitionBridge {
  return {
    call: (method, ...args) => ipcRenderer.invoke(IPC_CHANNELS.api, method, args[0]) as never,
    saveFile: (fileName, base64) =>
      ipcRenderer.invoke(IPC_CHANNELS.saveFile, fileName, base64) as Promise<string | null>,
    savePdf: (fileName, html) =>
      ipcRenderer.invoke(IPC_CHANNELS.savePdf, fileName, html) as Promise<string | null>,
    pickFolder: (title, current) =>
      ipcRenderer.invoke(IPC_CHANNELS.pickFolder, title, current) as Promise<string | null>,
    onProgress: (listener) => {
      // the page gets the report only, never Electron's event object
      const forward = (_event: unknown, report: ProgressReport) => listener(report);
      ipcRenderer.on(IPC_CHANNELS.progress, forward);
      return () => void ipcRenderer.removeListener(IPC_CHANNELS.progress, forward);
    },
  };
}

export function exposeBridge(contextBridge: ContextBridgeLike, ipcRenderer: IpcRendererLike): void {
  contextBridge.exposeInMainWorld(BRIDGE_KEY, createBridge(ipcRenderer));
}
