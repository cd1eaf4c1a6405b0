import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/** Where the app icon lands in the built UI: the page's favicon and the Electron window's icon. */
const ICON_FILE = 'icon.png';

/**
 * build/icon.png (the packaging icon, drawn by build/make-icon.mjs) served as dist/renderer/icon.png under a
 * stable name, so the shell can point the window at it; the dev server serves the same file.
 */
function appIcon(): Plugin {
  const source = fileURLToPath(new URL('build/icon.png', import.meta.url));
  return {
    name: 'app-icon',
    configureServer(server) {
      server.middlewares.use(`/${ICON_FILE}`, (_req, res) => {
        res.setHeader('Content-Type', 'image/png');
        res.end(readFileSync(source));
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: ICON_FILE, source: readFileSync(source) });
    },
  };
}

// The UI is a static bundle served by the core's API server (serve mode) and loaded by the Electron window.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), appIcon()],
  build: {
    // Absolute, from this file: `root` is renderer/, and a relative outDir would read as climbing out.
    outDir: fileURLToPath(new URL('dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
});
