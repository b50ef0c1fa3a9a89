import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The renderer build. The host serves `dist/renderer` under a strict CSP
 * (`script-src 'self'; style-src 'self'`), so the output must hold no inline
 * script or style: CSS lives in .css files, the module-preload polyfill (an
 * inline-free chunk, but unneeded in Chromium) is off, and `base: './'` lets
 * Electron load the files from disk as well as the browser host over HTTP.
 */

/** In `vite dev` only: the React refresh preamble is an inline script and HMR needs ws:, so relax the meta CSP. */
function devCsp(): Plugin {
  return {
    name: 'takt-dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws: wss:");
    },
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), devCsp()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: true,
    // Loaded from the local disk or loopback, never over a slow network, so size is not about download
    // time; the libraries still go into chunks of their own, so a change to the app's code leaves the
    // (cached) library chunks alone and no chunk grows past Vite's warning limit.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-i18next|zustand)[\\/]/ },
            { name: 'bwip-js', test: /node_modules[\\/]bwip-js[\\/]/ },
            // The camera decoders stay in their own lazily loaded chunks: most terminals never open the camera.
            { name: 'vendor', test: /node_modules[\\/](?!@zxing[\\/]|zxing-wasm[\\/])/ },
          ],
        },
      },
    },
  },
});
