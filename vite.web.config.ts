import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The plant's web pages, a second build of the same toolchain: `takt server`
 * serves dist/web under /web/ with a strict CSP (no inline script or style),
 * so, as for the terminal, CSS lives in files and the preload polyfill is off.
 */
export default defineConfig({
  root: 'web',
  base: '/web/',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
});
