import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

/** The seed's spot values (issue 2): LocalStorage SSD virtio-blk prealloc off, not pre-written, randwrite. */
const THREADS_IOPS = /31,336/;
const NATIVE_IOPS = /36,213/;

const facet = (page: Page, dim: string) => page.locator(`fieldset[data-facet="${dim}"]`);
const facetBox = (page: Page, dim: string, value: string) =>
  facet(page, dim).locator(`li[data-value="${value}"] input[type=checkbox]`);
const pivotCell = (page: Page, row: string, col: string) => page.getByTestId(`cell-${row}|${col}`);

async function openApp(page: Page, query = '') {
  await page.goto(`/${query}`);
  await expect(
    page.getByTestId('pivot').or(page.getByTestId('records-table')).or(page.getByTestId('charts')),
  ).toBeVisible();
}

test('the Records tab shows every seed record with its counts, sortable', async ({ page }) => {
  // The seed alone: the bundled bench set (data/manifest.json) is hidden.
  await openApp(page, '?hide=bench-qemu-img-ext4-virtio');
  await page.getByRole('tab', { name: /Records/ }).click();
  await expect(page).toHaveURL(/tab=records/);
  await expect(page.getByTestId('record-counts')).toHaveText(
    '211 records · 61 incomplete · 88 flagged',
  );
  const table = page.getByTestId('records-table');
  // Every canonical column is a header.
  for (const col of [
    'set',
    'storage',
    'prealloc',
    'aio',
    'prewritten',
    'iops',
    'lat_mean_us',
    'flags',
    'origin',
  ]) {
    await expect(table.getByRole('columnheader', { name: col, exact: true })).toBeAttached();
  }
  await expect(table.locator('tbody tr').first()).toContainText('aio-plan-2023q1.md:288');
  // Sort by IOPS, highest first: the seed's largest value (LocalStorage SSD randread, sparse).
  const iops = table.getByRole('columnheader', { name: 'iops', exact: true }).getByRole('button');
  await iops.click();
  await iops.click();
  await expect(table.getByRole('columnheader', { name: 'iops', exact: true })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  await expect(table.locator('tbody tr[aria-rowindex]').first()).toContainText('311,695');
});

test('reviewer path: LocalStorage/SSD, the prealloc-off randwrite cell, its numbers, and the same view from the link', async ({
  page,
  context,
}) => {
  await openApp(page);
  await facetBox(page, 'storage', 'LocalStorage').check();
  await facetBox(page, 'medium', 'SSD').check();
  await expect(page).toHaveURL(/f\.storage=LocalStorage/);
  await expect(page).toHaveURL(/f\.medium=SSD/);

  const cell = pivotCell(page, 'LocalStorage/SSD/off', 'randwrite/false');
  // Two buses in this pivot cell: the geometric mean of +15.6 % (virtio-blk) and +15.3 % (virtio-scsi).
  await expect(cell).toContainText('+15.4%');
  await expect(cell).toContainText('better');
  await expect(cell).toHaveAttribute('title', /threads: 31,335\.5 IOPS/);
  await cell.click();

  const panel = page.getByTestId('cell-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText(
    'LocalStorage · SSD · off · randwrite · not pre-written',
  );
  const blk = panel.getByTestId('cell-evidence').filter({ hasText: 'virtio-blk' });
  await expect(blk).toContainText('+15.6%');
  await expect(blk).toContainText(THREADS_IOPS);
  await expect(blk).toContainText(NATIVE_IOPS);
  await expect(blk).toContainText('4,083.38');
  await expect(blk).toContainText('3,533.6');
  // The raw records of the cell, on demand.
  await panel.getByTestId('show-raw').click();
  await expect(panel.getByTestId('raw-records')).toContainText('aio-plan-2023q1.md:321');
  await expect(panel.getByTestId('raw-records')).toContainText('aio-plan-2023q1.md:337');
  // The policy recommendation with its sources.
  await expect(panel.getByTestId('decision').first()).toBeVisible();
  await expect(panel.getByTestId('policy')).toContainText('io=');

  // The link reproduces the view in a new page.
  const url = page.url();
  expect(url).toContain('sel.rw=randwrite');
  const other = await context.newPage();
  await other.goto(url);
  const panel2 = other.getByTestId('cell-panel');
  await expect(panel2.getByRole('heading', { level: 2 })).toHaveText(
    'LocalStorage · SSD · off · randwrite · not pre-written',
  );
  await expect(panel2.getByTestId('cell-evidence').filter({ hasText: 'virtio-blk' })).toContainText(
    '+15.6%',
  );
  await expect(panel2).toContainText(THREADS_IOPS);
  await expect(panel2).toContainText(NATIVE_IOPS);
  await expect(facetBox(other, 'storage', 'LocalStorage')).toBeChecked();
  await expect(facetBox(other, 'medium', 'SSD')).toBeChecked();
  await expect(pivotCell(other, 'LocalStorage/SSD/off', 'randwrite/false')).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(other.getByTestId('url-notice')).toHaveCount(0);
  await other.close();
});

test('keyboard: arrow keys move through the pivot cells and Enter opens one', async ({ page }) => {
  await openApp(page, '?f.storage=LocalStorage&f.medium=SSD');
  const start = pivotCell(page, 'LocalStorage/SSD/off', 'randwrite/false');
  await start.click();
  await expect(start).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  const left = pivotCell(page, 'LocalStorage/SSD/off', 'randread/true');
  await expect(left).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(pivotCell(page, 'LocalStorage/SSD/falloc', 'randread/true')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/sel\.prealloc=falloc/);
  await expect(page).toHaveURL(/sel\.rw=randread/);
  await expect(page.getByTestId('cell-panel').getByRole('heading', { level: 2 })).toHaveText(
    'LocalStorage · SSD · falloc · randread · pre-written',
  );
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('cell-panel')).toHaveCount(0);
});

test('export the pivot as CSV', async ({ page }) => {
  await openApp(page, '?f.storage=LocalStorage&f.medium=SSD');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-csv').click(),
  ]);
  expect(download.suggestedFilename()).toBe('aio-dash-pivot-iops-native-vs-threads.csv');
  const text = readFileSync(await download.path(), 'utf8').replace(/^\ufeff/, '');
  const lines = text.trim().split('\r\n');
  expect(lines[0]).toBe(
    'storage,medium,prealloc,rw,prewritten,metric,axis,baseline_value,candidate_value,baseline,candidate,delta_pct,verdict,n_baseline,n_candidate,comparison_cells,flagged',
  );
  expect(lines).toContain(
    'LocalStorage,SSD,off,randwrite,false,iops,aio,threads,native,31335.5,36166,15.42,improvement,2,2,2,false',
  );
  // 2 preallocations × 2 workloads × 2 pre-written states.
  expect(lines).toHaveLength(1 + 8);
});

test('charts render with text summaries, and export as SVG', async ({ page }) => {
  await openApp(page, '?tab=charts');
  for (const id of ['grouped', 'delta', 'scatter', 'host']) {
    const chart = page.getByTestId(`chart-${id}`);
    await expect(chart.locator('svg.recharts-surface').first()).toBeVisible();
    await expect(chart.locator('figcaption')).not.toBeEmpty();
  }
  await expect(page.getByTestId('chart-host').locator('figcaption')).toContainText(
    'native reaches 95% of bare metal',
  );
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('chart-delta').getByRole('button', { name: /SVG/ }).click(),
  ]);
  const svg = readFileSync(await download.path(), 'utf8');
  expect(svg.startsWith('<svg')).toBe(true);
  expect(svg).toContain('Delta of IOPS per cell, sorted');
});

test('switch to Chinese: labels in Chinese, remembered after a reload', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('tab', { name: /透视表/ })).toBeVisible();
  await expect(page.getByRole('tab', { name: /记录/ })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByText('排除已标记记录')).toBeVisible();
  await page.goto('/');
  await expect(page.getByRole('tab', { name: /图表/ })).toBeVisible();
  await page.getByRole('button', { name: 'EN' }).click();
  await expect(page.getByRole('tab', { name: /Charts/ })).toBeVisible();
});

test('a tampered link opens with a notice, keeps its valid parts and does not crash', async ({
  page,
}) => {
  await openApp(
    page,
    '?metric=%3Cscript%3E&thr=-1&f.medium=SSD&f.medium=Tape&sel.rw=a&sel.rw=b&rows=storage,storage&evil=1&host=kernel:x',
  );
  const notice = page.getByTestId('url-notice');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('metric=<script>');
  await expect(notice).toContainText('evil=1');
  await expect(notice).toContainText('f.medium=Tape');
  await expect(page.getByTestId('host-notice')).toBeVisible();
  await expect(page.getByTestId('pivot')).toBeVisible();
  await expect(facetBox(page, 'medium', 'SSD')).toBeChecked();
  await expect(page.getByTestId('metric')).toHaveValue('iops');
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
});
