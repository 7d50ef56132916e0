/**
 * electron-vite build of the desktop app: main → out/main/main.js (ES module), preload →
 * out/preload/preload.cjs (CommonJS: a sandboxed preload cannot be an ES module), renderer →
 * out/renderer (the same config as the browser mode, from vite.renderer.config.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { defineConfig, mergeConfig } from 'electron-vite';
import { rendererConfig } from './vite.renderer.config';

const root = path.dirname(fileURLToPath(import.meta.url));

/**
 * electron-vite picks its Node/Chrome targets from node_modules/electron and throws where that
 * package could not be installed; then the version package.json pins is the one to build for.
 */
function electronMajor(): string {
  try {
    return String(createRequire(path.join(root, 'package.json'))('electron/package.json').version).split(
      '.',
    )[0];
  } catch {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    return String(pkg.optionalDependencies?.electron ?? pkg.devDependencies?.electron)
      .replace(/^\D*/, '')
      .split('.')[0];
  }
}
process.env.ELECTRON_MAJOR_VER ||= electronMajor();

export default defineConfig({
  main: {
    build: {
      outDir: path.join(root, 'out', 'main'),
      // bundle every dependency (so ESM/CommonJS interop is settled at build time) except
      // better-sqlite3, whose native part is loaded at run time from the Electron build
      externalizeDeps: false,
      rollupOptions: {
        input: { main: path.join(root, 'src-main', 'app', 'main.ts') },
        external: ['better-sqlite3'],
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: path.join(root, 'out', 'preload'),
      externalizeDeps: false,
      rollupOptions: {
        input: { preload: path.join(root, 'src-main', 'app', 'preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: mergeConfig({}, rendererConfig),
});
