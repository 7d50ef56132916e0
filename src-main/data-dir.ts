/**
 * Where the register lives: the OS's per-user application data folder, unless overridden by
 * the --data-dir flag or the PETITION_DATA_DIR environment variable (in that order).
 * Electron computes the same folder with app.getPath('userData').
 */
import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER = 'petition-register';

export function defaultDataDir(platform = process.platform, env = process.env, home = os.homedir()): string {
  if (platform === 'win32')
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_FOLDER);
}

export function dataDirOverride(argv = process.argv, env = process.env): string | undefined {
  const i = argv.findIndex((a) => a === '--data-dir' || a.startsWith('--data-dir='));
  if (i >= 0) {
    const value = argv[i].includes('=') ? argv[i].slice('--data-dir='.length) : argv[i + 1];
    if (value) return path.resolve(value);
  }
  return env.PETITION_DATA_DIR ? path.resolve(env.PETITION_DATA_DIR) : undefined;
}

export function resolveDataDir(argv = process.argv, env = process.env): string {
  return dataDirOverride(argv, env) ?? defaultDataDir(process.platform, env);
}
