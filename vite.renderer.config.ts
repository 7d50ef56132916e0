/**
 * The renderer build, shared by the browser mode (`vite build --config vite.renderer.config.ts`,
 * used by `npm run web` and `npm test`) and the Electron build (electron.vite.config.ts imports
 * `rendererConfig`). Both write the same files to out/renderer.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));

export const rendererConfig: UserConfig = {
  root: path.join(root, 'src-renderer'),
  // relative asset URLs work from app://renderer/ and from the web bridge's /
  base: './',
  plugins: [react()],
  build: {
    outDir: path.join(root, 'out', 'renderer'),
    emptyOutDir: true,
    // electron-vite would otherwise leave its renderer unminified; keep both builds alike
    minify: 'esbuild',
    rollupOptions: { input: path.join(root, 'src-renderer', 'index.html') },
  },
};

export default defineConfig(rendererConfig);
