/**
 * Preload of the sandboxed renderer (bundled as CommonJS to out/preload/preload.cjs, because a
 * sandboxed preload cannot be an ES module; it exports nothing).
 */
// @ts-ignore electron is an optional dependency; where it could not be installed it has no types
import { contextBridge, ipcRenderer } from 'electron';
import { exposeBridge } from './preload-bridge';

exposeBridge(contextBridge, ipcRenderer);
