import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Builds the renderer once for both shells: Electron loads it from disk, browser mode serves it. */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, target: 'es2022' },
});
