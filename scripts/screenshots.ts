/**
 * Screenshots of the main views at 1280×800 for docs/screenshots (used in the README).
 * Run after `npm run build`:  npx tsx scripts/screenshots.ts [--only name,name]
 * Starts `aio-dash serve` on a free port, drives Debian's Chromium, stops the server.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import type { Page } from '@playwright/test';

const OUT = 'docs/screenshots';
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, () => {
      const a = s.address();
      s.close(() => done(typeof a === 'object' && a ? a.port : 4321));
    });
  });
}

async function waitFor(url: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not start: ${url}`);
}

const REVIEWER =
  '/?f.storage=LocalStorage&f.medium=SSD&sel.storage=LocalStorage&sel.medium=SSD&sel.prealloc=off&sel.prewritten=false&sel.rw=randwrite';

/** Shots for checking the layout, not for the README (written to test-results/). */
const DEBUG_ONLY = new Set(['charts-tall', 'panel-tall']);

const shots: Record<string, (page: Page, base: string) => Promise<void>> = {
  async dashboard(page, base) {
    await page.goto(`${base}/`);
    await page.getByTestId('pivot').waitFor();
  },
  async 'cell-panel'(page, base) {
    await page.goto(`${base}${REVIEWER}`);
    await page.getByTestId('cell-panel').getByTestId('cell-evidence').first().waitFor();
  },
  /** The bundled `aio-dash bench` set alone (the seed hidden): its host-layer pivot. */
  async 'bench-pivot'(page, base) {
    await page.goto(`${base}/?hide=zstack-2023q1`);
    await page.getByTestId('pivot').waitFor();
    await page.waitForTimeout(300);
  },
  async charts(page, base) {
    await page.goto(`${base}/?tab=charts`);
    await page.getByTestId('chart-grouped').locator('svg.recharts-surface').first().waitFor();
    await page.waitForTimeout(300);
  },
  async 'charts-host'(page, base) {
    await page.goto(`${base}/?tab=charts`);
    await page.getByTestId('chart-host').scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
  },
  // Not for the README: the whole charts tab on a tall page, to check every chart at once.
  async 'charts-tall'(page, base) {
    await page.setViewportSize({ width: 1280, height: 2400 });
    await page.goto(`${base}/?tab=charts`);
    await page.getByTestId('chart-host').locator('svg.recharts-surface').first().waitFor();
    await page.waitForTimeout(300);
  },
  async 'panel-tall'(page, base) {
    await page.setViewportSize({ width: 1280, height: 2600 });
    await page.goto(`${base}${REVIEWER}`);
    await page.getByTestId('cell-panel').getByTestId('decision').first().waitFor();
  },
  async records(page, base) {
    await page.goto(`${base}/?tab=records`);
    await page.getByTestId('records-table').waitFor();
  },
  async chinese(page, base) {
    await page.goto(`${base}${REVIEWER}&lang=zh`);
    await page.getByTestId('cell-panel').getByTestId('cell-evidence').first().waitFor();
  },
  async report(page, base) {
    await page.goto(`${base}/report`);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500);
  },
};

async function main() {
  const onlyArg = process.argv.indexOf('--only');
  const only = onlyArg > 0 ? (process.argv[onlyArg + 1] ?? '').split(',') : null;
  mkdirSync(OUT, { recursive: true });
  const port = await freePort();
  // The server stores the page's sets on start: a store of its own, removed at the end.
  const db = mkdtempSync(join(tmpdir(), 'aio-dash-shots-'));
  const server = spawn(
    process.execPath,
    ['bin/aio-dash.js', 'serve', '--port', String(port), '--db', db],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${base}/`);
    const browser = await chromium.launch({
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    try {
      for (const [name, go] of Object.entries(shots)) {
        if (only ? !only.includes(name) : DEBUG_ONLY.has(name)) continue;
        const context = await browser.newContext({
          viewport: { width: 1280, height: 800 },
          locale: 'en-US',
        });
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
        await go(page, base);
        const file = `${DEBUG_ONLY.has(name) ? 'test-results' : OUT}/${name}.png`;
        await page.screenshot({ path: file });
        console.log(`${file}${errors.length ? `  (errors: ${errors.join(' | ')})` : ''}`);
        await context.close();
      }
    } finally {
      await browser.close();
    }
  } finally {
    server.kill('SIGTERM');
    if (server.exitCode === null && server.signalCode === null)
      await new Promise((done) => server.once('exit', done));
    rmSync(db, { recursive: true, force: true });
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
