import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The UI is a static bundle served by the core's API server (serve mode) and loaded by the Electron window.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
});
