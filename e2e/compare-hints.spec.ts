/**
 * The comparison finds its axis, and links name their data (issue 11, items 3 and 5), on real
 * fio output laid out as engineers keep it (e2e/fixtures-data/layouts: README there).
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { freshStart, SCREENSHOTS, test, expect } from './fixtures';

const HERE = dirname(fileURLToPath(import.meta.url));
const HOST_RUNS = join(HERE, 'fixtures-data', 'layouts', 'host-runs');
const hostRunFiles = () =>
  readdirSync(HOST_RUNS)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(HOST_RUNS, f));

const recordsTab = (page: Page) => page.getByRole('tab', { name: /Records/ }).locator('.tab-count');

async function freshStartWithPivot(page: Page) {
  await freshStart(page);
  await expect(page.getByTestId('pivot')).toBeVisible({ timeout: 20_000 });
}

/** Makes sure only the loaded files are shown (the app hides the bundled set on a load). */
async function onlyMine(page: Page, records: number) {
  await expect(recordsTab(page)).toHaveText(String(records), { timeout: 20_000 });
}

test('12 host runs in one picker action: the bar says aio is empty and one click compares libaio vs io_uring', async ({
  page,
}) => {
  await freshStartWithPivot(page);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Load files…' }).click();
  await (await chooser).setFiles(hostRunFiles());
  await onlyMine(page, 12);

  // The comparison bar names the real cause and offers the fix; no "Clear filters" (no filter is set).
  const hint = page.getByTestId('axis-hint');
  await expect(hint).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('axis-hint-text')).toHaveText(
    'aio mode is empty in your files; fio engine has libaio, io_uring, psync',
  );
  const fix = page.getByTestId('axis-hint-fix');
  await expect(fix).toContainText('Compare along fio engine: libaio vs io_uring');
  await expect(page.getByRole('button', { name: 'Clear filters' })).toHaveCount(0);
  // The empty analysis area says the same, with the same fix.
  await expect(page.getByTestId('empty-hint-text')).toHaveText(
    'aio mode is empty in your files; fio engine has libaio, io_uring, psync',
  );
  await expect(page.getByText(/No cell has both threads and native/)).toHaveCount(0);
  await page.screenshot({ path: join(SCREENSHOTS, 'compare-hint.png') });
  // The same in Chinese.
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByTestId('axis-hint-text')).toHaveText(
    '你的文件中 aio 模式 为空；fio 引擎 有 libaio, io_uring, psync',
  );
  await expect(fix).toContainText('按 fio 引擎 对比：libaio 对 io_uring');
  await page.getByRole('button', { name: 'EN' }).click();
  await expect(fix).toContainText('Compare along fio engine');

  // One click, no Advanced menu: libaio vs io_uring cells in the pivot.
  await fix.click();
  await expect(page.getByTestId('axis-hint')).toHaveCount(0);
  await expect(page.getByTestId('baseline')).toHaveValue('libaio');
  await expect(page.getByTestId('candidate')).toHaveValue('io_uring');
  await expect(page.getByTestId('compare-summary')).toContainText('io_uring vs libaio');
  const cells = page.getByTestId('pivot').locator('[role="gridcell"][data-testid^="cell-"]');
  await expect(cells.first()).toBeVisible({ timeout: 20_000 });
  expect(await cells.count()).toBeGreaterThanOrEqual(2);
  await expect(page).toHaveURL(/axis=ioengine/);
  await expect(page).toHaveURL(/base=libaio/);
  await expect(page).toHaveURL(/cand=io_uring/);
  await page.screenshot({ path: join(SCREENSHOTS, 'compare-hint-fixed.png') });
});

test('a link names the sets it was made from; opened where they are missing, it says so and shows nothing else as the result', async ({
  page,
  browser,
}) => {
  await freshStartWithPivot(page);
  await page.getByTestId('ingest-folder-input').setInputFiles(HOST_RUNS);
  await onlyMine(page, 12);
  await expect(page).toHaveURL(/src=12\.[0-9a-f]{12}\.host-runs/, { timeout: 20_000 });
  await page.getByTestId('axis-hint-fix').click();
  await expect(page).toHaveURL(/axis=ioengine/);
  const url = page.url();
  const hash = /src=12\.([0-9a-f]{12})\.host-runs/.exec(url)![1]!;

  // A colleague's browser: a fresh context, nothing loaded but the bundled set.
  const context = await browser.newContext();
  const other = await context.newPage();
  const errors: string[] = [];
  other.on('pageerror', (e) => errors.push(e.message));
  await other.goto(url);
  const notice = other.getByTestId('linked-sets-notice');
  await expect(notice).toContainText(
    `This link was made from sets not loaded here: host-runs (12 records, ${hash.slice(0, 4)}…)`,
    { timeout: 20_000 },
  );
  // No silent fallback to the bundled set: no pivot, no summary, the missing sets named instead.
  await expect(other.getByTestId('linked-sets-missing')).toBeVisible({ timeout: 20_000 });
  await expect(other.getByTestId('pivot')).toHaveCount(0);
  await expect(other.getByTestId('compare-summary')).toHaveCount(0);
  await expect(other.getByRole('region', { name: 'Comparison' })).toHaveCount(0);
  await other.screenshot({ path: join(SCREENSHOTS, 'link-missing-sets.png') });
  // One click shows what is loaded instead.
  await other.getByTestId('show-loaded').click();
  await expect(other.getByTestId('linked-sets-notice')).toHaveCount(0);
  await expect(other.getByTestId('pivot')).toBeVisible({ timeout: 20_000 });
  await expect(other).toHaveURL(/src=211\.[0-9a-f]{0,12}\.zstack-2023q1/, { timeout: 20_000 });
  expect(errors).toEqual([]);
  await context.close();
});
