/**
 * Preload of the sandboxed renderer (bundled as CommonJS to out/preload/preload.cjs, because a
 * sandboxed preload cannot be an ES module; it exports nothing).
 */
// electron is an optional dependency: where it could not be installed it has no types, and
// an expect-error directive would fail where it is
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore
import { contextBridge, ipcRenderer } from 'electron';
import { exposeBridge } from './preload-bridge';

exposeBridge(contextBridge, ipcRenderer);
