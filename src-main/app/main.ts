/**
 * Electron main process entry (bundled to out/main/main.js). All wiring lives in shell.ts,
 * where it is tested against a stubbed electron module.
 */
// electron is an optional dependency: where it could not be installed it has no types, and
// an expect-error directive would fail where it is
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore
import * as electron from 'electron';
import { startApp, APP_TITLE } from './shell';
import type { ElectronLike } from './electron-types';

const e: ElectronLike = electron;
startApp(e).catch((err: Error) => {
  console.error(err);
  // the cause (English, logged above) is for the technician, not the dialog
  e.dialog.showErrorBox(`${APP_TITLE}无法启动`, '启动时发生内部错误，程序将退出。请联系技术人员。');
  e.app.exit(1);
});
