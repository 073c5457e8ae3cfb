import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const port = Number(process.env.E2E_PORT ?? 4199);
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// The browser performance spec measures timings: it is a benchmark (`npm run bench:browser`),
// not a gate of `npm test`, where machine load would make it flaky.
const perfRun = Boolean(process.env.AIO_PERF);

// aio-dash serve keeps a store and puts the page's sets in it on start: one fresh temporary
// directory per run (set once here; the workers inherit it), removed by e2e/global-teardown.ts.
process.env.AIO_E2E_DB ??= mkdtempSync(join(tmpdir(), 'aio-dash-e2e-'));

export default defineConfig({
  testDir: 'e2e',
  testIgnore: perfRun ? [] : ['**/perf.spec.ts'],
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  globalTeardown: './e2e/global-teardown.ts',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath,
      // Without the background-networking flags Chromium keeps dialling out on a closed network.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `node bin/aio-dash.js serve --port ${port} --db ${process.env.AIO_E2E_DB}`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
