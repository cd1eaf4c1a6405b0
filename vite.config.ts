import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// The UI is a static bundle served by the core's API server (serve mode) and loaded by the Electron window.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    // Absolute, from this file: `root` is renderer/, and a relative outDir would read as climbing out.
    outDir: fileURLToPath(new URL('dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
});
