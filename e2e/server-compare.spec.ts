/**
 * A set compared on the team server (issue 13.6): its records stay there, the database aggregates
 * the cells (GET /api/cells) and the page compares them with the engine's own code. The same set
 * downloaded and compared in the browser must show the same pivot, summary and verdicts; a
 * filter, a threshold and a metric change are computed from the one answer, without asking the
 * server again; the cell panel says where the numbers come from.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { freshStart, SCREENSHOTS, test, expect } from './fixtures';

const HERE = dirname(fileURLToPath(import.meta.url));
const DATA = join(HERE, '..', 'data');

/** The seed measured twice: every row again as run 2 (the seed's `run` column is empty). */
function seedTwice(): string {
  const [header, ...rows] = readFileSync(join(DATA, 'zstack-2023q1.csv'), 'utf8')
    .trimEnd()
    .split('\n');
  const run = (row: string, n: number) => row.replace(/^([^,]*),[^,]*,/, `$1,${n},`);
  return [header, ...rows.map((r) => run(r, 1)), ...rows.map((r) => run(r, 2))].join('\n') + '\n';
}

/** Every bundled set hidden: only the team set is compared. */
const hideBundled = (): string => {
  const manifest = JSON.parse(readFileSync(join(DATA, 'manifest.json'), 'utf8')) as {
    sets: { name: string }[];
  };
  return manifest.sets.map((s) => `hide=${encodeURIComponent(s.name)}`).join('&');
};

/** A facet checkbox by its exact value ("SSD", not "SSD-iSCSI"). */
const facet = (page: Page, value: string) =>
  page
    .getByTestId('filters')
    .getByRole('checkbox', { name: new RegExp(`^${value}(\\s|$)`) })
    .first();

const pivotCells = (page: Page) => page.getByTestId('pivot').locator('th, td').allInnerTexts();

test('a set compared on the server shows what the same set downloaded shows', async ({
  page,
  browser,
  consoleErrors,
}) => {
  const made = await page.request.post('/api/sets?name=seed-twice&file=seed-twice.csv', {
    data: seedTwice(),
  });
  expect(made.status()).toBe(201);
  const { id, records, flagged } = (await made.json()) as {
    id: string;
    records: number;
    flagged: number;
  };
  expect(records).toBe(422);
  expect(flagged).toBeGreaterThan(0);

  // Downloaded: a link to the set loads its records (small sets are), the bundled ones hidden.
  await freshStart(page);
  await page.goto(`/?set=${id}&${hideBundled()}`);
  await expect(page.getByTestId('pivot')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('compare-summary')).not.toContainText('…');
  const downloaded = await pivotCells(page);
  const summary = (await page.getByTestId('compare-summary').innerText()).trim();
  expect(downloaded.length).toBeGreaterThan(20);

  // On the server: a fresh browser opens the set from the Team panel without its records.
  const context = await browser.newContext();
  const other = await context.newPage();
  const otherErrors: string[] = [];
  other.on('pageerror', (e) => otherErrors.push(e.message));
  other.on('console', (m) => m.type() === 'error' && otherErrors.push(m.text()));
  const cellsAsked: string[] = [];
  const recordsAsked: string[] = [];
  other.on('request', (r) => {
    if (r.url().includes('/api/cells')) cellsAsked.push(r.url());
    if (r.url().includes(`/api/sets/${id}/records`)) recordsAsked.push(r.url());
  });
  await other.goto(`/?${hideBundled()}`);
  await other.getByTestId('team-button').click();
  const row = other.getByTestId('team-server-sets').locator('li', { hasText: 'seed-twice' });
  await other.screenshot({ path: join(SCREENSHOTS, 'server-team-panel.png') });
  await row.getByTestId('team-compare-there').click();
  await expect(row).toContainText('compared on the server');
  await other.keyboard.press('Escape');
  await expect(other.getByTestId('server-pending')).toHaveCount(0, { timeout: 30_000 });
  await expect(other.getByTestId('compare-summary')).toHaveText(summary);
  expect(await pivotCells(other)).toEqual(downloaded);
  await expect(other).toHaveURL(new RegExp(`[?&]set=${id}(&|$)`));
  expect(cellsAsked).toHaveLength(1);
  // The records are not here: the flagged ones are the server's count, not "none flagged".
  await expect(other.getByTestId('excluded-count')).toHaveText(`${flagged} flagged`);
  // The aggregates know only the compared modes; the third stays offered.
  await expect(other.getByTestId('candidate').locator('option[value="io_uring"]')).toHaveCount(1);

  // Another axis: the server's answer lists every value of it (its cells know two), so the
  // choices are those of the records; both pages then compare the same two values.
  const choices = (p: Page) => p.getByTestId('candidate').locator('option').allTextContents();
  for (const p of [page, other]) {
    await p.getByRole('button', { name: /Advanced/ }).click();
    await p.getByTestId('axis').selectOption('prealloc');
  }
  await expect(page.getByTestId('compare-summary')).not.toContainText('…');
  const offered = await choices(page);
  expect(offered).toHaveLength(3); // falloc, n/a, off
  await expect(other.getByTestId('server-pending')).toHaveCount(0, { timeout: 30_000 });
  await expect(other.getByTestId('compare-summary')).toHaveText(
    (await page.getByTestId('compare-summary').innerText()).trim(),
  );
  expect(cellsAsked).toHaveLength(2);
  expect(await choices(other)).toEqual(offered);
  // falloc and n/a never share a cell. The reasons are searched in records, which stay on the
  // server: the page says so instead of searching for ever.
  await expect(other.getByTestId('pivot')).toHaveCount(0);
  await expect(other.getByText(/^No cell of the sets compared on the team server/)).toBeVisible();
  await expect(other.getByText('Looking for a comparison')).toHaveCount(0);
  await other.screenshot({ path: join(SCREENSHOTS, 'server-axis.png') });
  for (const p of [page, other]) await p.getByTestId('axis').selectOption('aio');
  await expect(other.getByTestId('server-pending')).toHaveCount(0, { timeout: 30_000 });
  await expect(other.getByTestId('compare-summary')).toHaveText(summary);
  const asked = cellsAsked.length;

  // Threshold, metric and a filter: the same as in the browser, from the one answer.
  for (const p of [page, other]) {
    await p.getByTestId('threshold').fill('12');
    await p.getByTestId('metric').selectOption('lat_mean_us');
    await facet(p, 'SSD').check();
    await expect(p).toHaveURL(/medium=SSD/);
  }
  await expect(other.getByTestId('compare-summary')).toHaveText(
    (await page.getByTestId('compare-summary').innerText()).trim(),
  );
  expect(await pivotCells(other)).toEqual(await pivotCells(page));
  expect(cellsAsked).toHaveLength(asked);

  // The cell panel: the server's aggregates, said so.
  await other
    .getByTestId('pivot')
    .locator('td[data-testid^="cell-"]', { hasText: 'n=4+4' })
    .first()
    .click();
  await expect(other.getByTestId('panel-on-server')).toContainText(
    'Compared on the team server: these are the database’s aggregates of 8 runs',
  );
  await expect(other.getByRole('tab', { name: /Records/ })).toContainText('422');
  await other.screenshot({ path: join(SCREENSHOTS, 'server-compare.png'), fullPage: true });

  expect(recordsAsked).toEqual([]);

  // The decision report reads records: it says that the server's set is not in it, and loads
  // its records on request; then it is the report of the same set downloaded.
  await other.getByTestId('report-link').click();
  await expect(other.getByTestId('report-server-sets')).toContainText(
    '“seed-twice”, compared on the team server, are not in it',
  );
  await other.screenshot({ path: join(SCREENSHOTS, 'server-report.png') });
  await other.getByTestId('report-load-records').click();
  await expect(other.getByTestId('report-server-sets')).toHaveCount(0, { timeout: 30_000 });
  const matrixOf = async (p: Page) => {
    await expect(p.getByTestId('report-matrix')).toBeVisible({ timeout: 30_000 });
    return p.getByTestId('report-matrix').innerText();
  };
  await page.getByTestId('report-link').click();
  const downloadedMatrix = await matrixOf(page);
  expect(downloadedMatrix).toContain('SharedBlock');
  expect(await matrixOf(other)).toEqual(downloadedMatrix);
  await context.close();
  expect(otherErrors).toEqual([]);
  expect(consoleErrors).toEqual([]);
});
