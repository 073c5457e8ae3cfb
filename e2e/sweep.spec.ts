/**
 * The sweep chart and the iodepth × numjobs grid on real fio sweep data (issue 11, item 4): two
 * fio-plot device folders (98 files each, equal names, no labels) loaded in one picker action,
 * compared set vs set. Expected numbers are read from the fio JSON files themselves, never typed
 * in. Saves sweep.png and depth-jobs-grid.png (see SCREENSHOTS in fixtures.ts).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { freshStart, SCREENSHOTS, test, expect } from './fixtures';

const HERE = dirname(fileURLToPath(import.meta.url));
const DEVICES = join(HERE, 'fixtures-data', 'layouts', 'devices');
const [DEV_A, DEV_B] = readdirSync(DEVICES).sort() as [string, string];

/** IOPS of one fio-plot file, as fio wrote it (group_reporting: one job). */
function fioIops(device: string, rw: 'randread' | 'randwrite', iodepth: number, numjobs: number) {
  const json = JSON.parse(
    readFileSync(join(DEVICES, device, `${rw}-${iodepth}-${numjobs}.json`), 'utf8'),
  ) as { jobs: { read: { iops: number }; write: { iops: number } }[] };
  const job = json.jobs[0]!;
  return rw === 'randread' ? job.read.iops : job.write.iops;
}

const DEPTHS = [1, 2, 4, 8, 16, 32, 64];
const en = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const pct = (p: number) => {
  const r = Math.round(p * 10) / 10;
  return `${r > 0 ? '+' : r < 0 ? '\u2212' : '±'}${Math.abs(r).toFixed(1)}%`;
};

async function loadDevices(page: Page) {
  await freshStart(page);
  // The bundled data first (the load hides it), so both loads cannot race.
  await expect(page.getByRole('tab', { name: /Records/ })).toContainText(/\d/);
  await expect(page.getByTestId('ingest-folder-input')).toBeAttached();
  // One picker action with the folder that holds both device folders.
  await page.getByTestId('ingest-folder-input').setInputFiles(DEVICES);
  await expect(page.getByRole('tab', { name: /Records/ })).toContainText('196');
}

test('two device folders, set vs set: the sweep against iodepth and the iodepth × numjobs grid', async ({
  page,
}) => {
  test.setTimeout(120_000);
  expect(existsSync(join(DEVICES, DEV_A, 'randread-1-1.json'))).toBe(true);
  await loadDevices(page);
  // Set vs set through the comparison bar's own one-click fix when it offers it, else the
  // advanced axis choice; then the charts tab and iodepth on x.
  const fix = page.getByRole('button', { name: /^Compare set .+ vs set .+/ }).first();
  if (await fix.isVisible({ timeout: 10_000 }).catch(() => false)) await fix.click();
  else {
    await page.getByRole('button', { name: /Advanced/ }).click();
    await page.getByTestId('axis').selectOption('set');
    await page.getByTestId('baseline').selectOption(DEV_A);
    await page.getByTestId('candidate').selectOption(DEV_B);
  }
  await expect(page).toHaveURL(/axis=set/);
  const base = await page.getByTestId('baseline').inputValue();
  const cand = await page.getByTestId('candidate').inputValue();
  expect([base, cand].sort()).toEqual([DEV_A, DEV_B]);
  await page.getByRole('tab', { name: /Charts/ }).click();
  const sweep = page.getByTestId('chart-sweep');
  await sweep.getByTestId('sweep-x').selectOption('iodepth');
  await expect(page).toHaveURL(/sw\.x=iodepth/);
  await expect(sweep.getByTestId('sweep-panel')).toHaveCount(2);
  await expect(sweep.getByTestId('sweep-facet')).toHaveValue('rw');
  await expect(sweep.getByTestId('sweep-hold-numjobs')).toHaveValue('1');

  // The summary states what is drawn, and its numbers are fio's.
  const summary = sweep.locator('figcaption');
  await expect(summary).toContainText(`one line per Result set value: ${base}, ${cand}.`);
  await expect(summary).toContainText('log₂ axis');
  await expect(summary).toContainText('One panel per Workload (2).');
  await expect(summary).toContainText('Held fixed: numjobs = 1 (one of 7 values).');
  await expect(summary).toContainText('one run per point');
  // numjobs = 1: both workloads × 7 iodepths × both devices.
  await expect(summary).toContainText(`${2 * DEPTHS.length * 2} of 196 records drawn`);
  let largest = { rw: 'randread' as 'randread' | 'randwrite', qd: 1, a: 0, b: 0, d: 0 };
  for (const rw of ['randread', 'randwrite'] as const)
    for (const qd of DEPTHS) {
      const a = fioIops(base, rw, qd, 1);
      const b = fioIops(cand, rw, qd, 1);
      const d = 100 * (b / a - 1);
      if (Math.abs(d) > Math.abs(largest.d)) largest = { rw, qd, a, b, d };
    }
  await expect(summary).toContainText(
    `Largest |Δ|: ${largest.rw} · iodepth ${largest.qd}: ${en.format(largest.a)} IOPS → ${en.format(largest.b)} IOPS (${pct(largest.d)}).`,
  );
  await sweep.scrollIntoViewIfNeeded();
  await sweep.screenshot({ path: join(SCREENSHOTS, 'sweep.png') });

  // Aggregating numjobs is a choice the summary states; the band choice goes into the link.
  await sweep
    .getByTestId('sweep-hold-numjobs')
    .selectOption({ label: 'numjobs: median over all 7' });
  await expect(summary).toContainText('Aggregated: median over 7 numjobs values');
  await expect(summary).toContainText('196 of 196 records drawn');
  await expect(page).toHaveURL(/sw\.agg=numjobs/);
  await sweep.getByTestId('sweep-band').selectOption('iqr');
  await expect(page).toHaveURL(/sw\.band=iqr/);
  await sweep.getByTestId('sweep-hold-numjobs').selectOption('1');
  await expect(summary).toContainText('Held fixed: numjobs = 1');

  // Export: the SVG holds the panels and their axis.
  const download = page.waitForEvent('download');
  await sweep.getByRole('button', { name: /as SVG/ }).click();
  const svg = readFileSync(await (await download).path(), 'utf8');
  expect(svg).toContain('<svg');
  expect(svg).toContain('Workload: randwrite');
  expect(svg).toContain('iodepth (log₂ scale)');

  // The grid: every iodepth × numjobs cell of both workloads, Δ in text, equal to fio's numbers.
  const grid = page.getByTestId('chart-depth-jobs');
  await expect(grid.getByTestId('grid-panel')).toHaveCount(2);
  await expect(grid.getByTestId('grid-cell')).toHaveCount(98);
  const [rw, qd, nj] = ['randwrite', 8, 4] as const;
  const want = pct(100 * (fioIops(cand, rw, qd, nj) / fioIops(base, rw, qd, nj) - 1));
  const panel = grid.getByTestId('grid-panel').filter({ hasText: 'Workload: randwrite' });
  await expect(
    panel.locator(`[data-testid="grid-cell"][data-x="${qd}"][data-y="${nj}"] > text`),
  ).toHaveText(want);
  await expect(grid.locator('figcaption')).toContainText('98 cells with both sides');
  await grid.scrollIntoViewIfNeeded();
  await grid.screenshot({ path: join(SCREENSHOTS, 'depth-jobs-grid.png') });
});
