import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { bundledData } from './scripts/vite-bundled-data.ts';

// The built app is served by `aio-dash serve` (npm start); data/ is served at /data.
export default defineConfig({
  plugins: [react(), bundledData('data')],
  build: { outDir: 'dist', sourcemap: false },
  worker: { format: 'es' },
  preview: { port: 4173 },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
