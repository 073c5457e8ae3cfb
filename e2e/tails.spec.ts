/**
 * The tail charts (issue 15.2) in the browser: a folder of fio json+ output with log files loads
 * through the folder input, the side panel of its cell offers "Percentile curve" and "Latency over
 * time", both charts draw with their text summaries, and the stall threshold k changes the stall
 * count. Fixtures: e2e/fixtures-data/tails-constructed (real fio 3.33 runs of tails-ingest's
 * fixtures under folder names that make one threads-vs-native cell; its README says so).
 * Screenshots: tails-panel.png, tails-curve.png, tails-series.png.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshStart, SCREENSHOTS, test, expect } from './fixtures';

const HERE = dirname(fileURLToPath(import.meta.url));
const CONSTRUCTED = join(HERE, 'fixtures-data', 'tails-constructed', 'cell');

/** fio's own p99.9 completion latency of a fixture run, µs (clat_ns.percentile, ns → µs). */
function fioP999(side: 'threads' | 'native'): number {
  const json = JSON.parse(readFileSync(join(CONSTRUCTED, side, 'randwrite.json'), 'utf8')) as {
    jobs: { write: { clat_ns: { percentile: Record<string, number> } } }[];
  };
  return json.jobs[0]!.write.clat_ns.percentile['99.900000']! / 1000;
}
/** "10.3 ms": the summary's way of writing a latency of 1–10 000 ms. */
const ms = (us: number) => `${Number((us / 1000).toPrecision(us >= 10_000 ? 3 : 2))} ms`;

test('a cell with fio json+ and logs opens its percentile curve and latency over time', async ({
  page,
}) => {
  await freshStart(page);
  await expect(page.getByTestId('set-summary')).toBeVisible({ timeout: 20_000 });
  await page.getByTestId('ingest-folder-input').setInputFiles(CONSTRUCTED);
  // Both runs carry fio's unit-suspect flag (rate_iops): show flagged records.
  const exclude = page.locator('label.exclude-flagged input[type="checkbox"]');
  await expect(page.getByTestId('excluded-count')).toContainText('2', { timeout: 20_000 });
  await exclude.uncheck();
  // One set per folder (threads/, native/): they pair when pooled, as the page offers.
  await page.getByTestId('axis-hint-fix').click();

  const cell = page.getByTestId('pivot').locator('[role="gridcell"][data-testid^="cell-"]');
  await expect(cell).toHaveCount(1, { timeout: 20_000 });
  await cell.click();
  const panel = page.getByTestId('cell-panel');
  const entry = panel.getByTestId('tail-entry');
  await expect(entry).toContainText('2 of 2 runs have a percentile curve, 2 have log files.');
  await entry.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENSHOTS, 'tails-panel.png') });

  // Percentile curve: fio's own p99.9 of each run, and their ratio, in words.
  await entry.getByTestId('open-percentile-curve').click();
  const dialog = page.getByTestId('tail-charts');
  await expect(dialog).toBeVisible();
  const curve = dialog.getByTestId('chart-percentile-curve');
  await expect(curve.getByTestId('percentile-curve-svg')).toBeVisible();
  const [t999, n999] = [fioP999('threads'), fioP999('native')];
  const ratio = Number((n999 / t999).toPrecision(2));
  await expect(curve.locator('figcaption')).toContainText(
    `p99.9: threads ${ms(t999)}, native ${ms(n999)} (×${ratio})`,
  );
  await expect(curve.locator('figcaption')).toContainText('Runs: threads 1, native 1; p50:');
  await expect(curve.getByTestId('curve-median-baseline').locator('circle')).toHaveCount(17);
  await page.screenshot({ path: join(SCREENSHOTS, 'tails-curve.png') });

  // Latency over time: per side the median, the stalls beyond k × median, the longest.
  await dialog.getByTestId('tail-tab-series').click();
  const series = dialog.getByTestId('chart-latency-over-time');
  await expect(series.getByTestId('latency-over-time-svg')).toBeVisible();
  const caption = series.locator('figcaption');
  await expect(caption).toHaveText(
    /^threads: median [\d.]+ µs, stalls > 10× median: \d+(, longest [\d.]+ m?s at [\d.]+ s)?; native: median [\d.]+ µs, stalls > 10× median: \d+(, longest [\d.]+ m?s at [\d.]+ s)?(; IOPS counted from completions per \d+ m?s)?(; [\d,]+ points drawn as [\d,]+ min–max columns)?\.$/,
  );
  const stallsOf = async () =>
    [...((await caption.textContent()) ?? '').matchAll(/stalls > \d+× median: (\d+)/g)].map((m) =>
      Number(m[1]),
    );
  const at10 = await stallsOf();
  // Every stall the words count is drawn.
  await expect(series.getByTestId('stall-marker')).toHaveCount(at10[0]! + at10[1]!);
  await expect(series.getByTestId('iops-panel')).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, 'tails-series.png') });

  await series.getByTestId('series-k').selectOption('100');
  await expect(caption).toContainText('stalls > 100× median');
  const at100 = await stallsOf();
  expect(at100[0]).toBeLessThanOrEqual(at10[0]!);
  expect(at100[1]).toBeLessThanOrEqual(at10[1]!);
  await expect(series.getByTestId('stall-marker')).toHaveCount(at100[0]! + at100[1]!);

  await series.getByTestId('series-smoothing').selectOption('1000');
  await expect(caption).toContainText('stalls > 100× median');
  // Smoothing the drawn line does not hide a stall: they are found on the raw log.
  expect(await stallsOf()).toEqual(at100);

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);

  // 中文: the same charts, texts from the zh table.
  await page.getByRole('button', { name: '中文' }).click();
  await entry.getByTestId('open-percentile-curve').click();
  await expect(dialog.getByTestId('chart-percentile-curve').locator('figcaption')).toContainText(
    '运行次数：threads 1，native 1',
  );
  await dialog.getByTestId('tail-tab-series').click();
  await expect(dialog.getByTestId('chart-latency-over-time').locator('figcaption')).toContainText(
    '超过 10× 中位数的卡顿',
  );
  await page.screenshot({ path: join(SCREENSHOTS, 'tails-series-zh.png') });
});

test('a cell without a tail says which fio input would give one', async ({ page }) => {
  await freshStart(page);
  const cell = page.getByTestId('pivot').locator('[role="gridcell"][data-testid^="cell-"]');
  await expect(cell.first()).toBeVisible({ timeout: 20_000 });
  await cell.first().click();
  const entry = page.getByTestId('cell-panel').getByTestId('tail-entry');
  await expect(entry).toContainText('No tail data for this cell.');
  await expect(entry).toContainText('write_lat_log');
  await expect(entry.getByTestId('open-percentile-curve')).toHaveCount(0);
});
