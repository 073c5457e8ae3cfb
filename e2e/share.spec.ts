/**
 * Sharing with the team (issue 13, item 2): an engineer loads a folder of fio runs and shares it
 * with the server that served the page; a colleague's fresh browser opens the copied link and
 * sees the same cells; a link to a deleted set says so; the write token is asked for when the
 * server wants one. The server is `aio-dash serve` with a store in a temporary directory
 * (playwright.config.ts).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { freshStart, SCREENSHOTS, test, expect } from './fixtures';

const HERE = dirname(fileURLToPath(import.meta.url));
const HOST_RUNS = join(HERE, 'fixtures-data', 'layouts', 'host-runs');

/** Every header and value cell of the pivot, in reading order. */
const pivotCells = (page: Page) => page.getByTestId('pivot').locator('th, td').allInnerTexts();

/** Loads the host-runs folder and takes the one-click fix to compare libaio vs io_uring. */
async function loadHostRuns(page: Page) {
  await freshStart(page);
  await expect(page.getByTestId('pivot')).toBeVisible({ timeout: 20_000 });
  await page.getByTestId('ingest-folder-input').setInputFiles(HOST_RUNS);
  await expect(page).toHaveURL(/src=12\.[0-9a-f]{12}\.host-runs/, { timeout: 20_000 });
  await page.getByTestId('axis-hint-fix').click();
  await expect(page).toHaveURL(/axis=ioengine/);
  await expect(page.getByTestId('pivot')).toBeVisible();
}

test('an engineer shares a folder of runs; a colleague opens the copied link and sees the same cells', async ({
  page,
  browser,
}) => {
  await loadHostRuns(page);
  const panel = page.getByTestId('team-panel');
  await page.getByTestId('team-button').click();
  const mine = panel.getByTestId('team-local-sets').locator('li', { hasText: 'host-runs' });
  await expect(mine).toContainText('12 records');
  await page.screenshot({ path: join(SCREENSHOTS, 'share-before.png') });
  await mine.getByTestId('share-set').click();

  // Shared: the set is listed as the server's, and the address carries set=ID.
  await expect(panel.getByTestId('team-shared')).toContainText('“host-runs” is on the team server');
  await expect(page).toHaveURL(/[?&]set=[A-Za-z0-9_-]{1,64}(&|$)/);
  const serverRow = panel.getByTestId('team-server-sets').locator('li', { hasText: 'host-runs' });
  await expect(serverRow).toContainText('loaded here');
  await expect(
    panel.getByTestId('team-local-sets').locator('li', { hasText: 'host-runs' }),
  ).toHaveCount(0);
  const link = await panel.getByTestId('team-link').inputValue();
  expect(link).toBe(page.url());
  const id = /[?&]set=([A-Za-z0-9_-]+)/.exec(link)![1]!;
  await page.screenshot({ path: join(SCREENSHOTS, 'share-done.png') });
  await page.keyboard.press('Escape');
  const cells = await pivotCells(page);
  expect(cells.length).toBeGreaterThan(4);

  // A colleague: a fresh browser context, nothing stored, the link as it was copied.
  const context = await browser.newContext();
  const other = await context.newPage();
  const errors: string[] = [];
  other.on('pageerror', (e) => errors.push(e.message));
  other.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await other.goto(link);
  await expect(other.getByTestId('pivot')).toBeVisible({ timeout: 30_000 });
  await expect(other.getByTestId('linked-sets-notice')).toHaveCount(0);
  await expect(other.getByTestId('team-gone')).toHaveCount(0);
  expect(await pivotCells(other)).toEqual(cells);
  await expect(other.getByTestId('compare-summary')).toHaveText(
    (await page.getByTestId('compare-summary').innerText()).trim(),
  );
  // Their link names the same server set.
  await expect(other).toHaveURL(new RegExp(`[?&]set=${id}(&|$)`));
  await other.getByTestId('team-button').click();
  await expect(
    other.getByTestId('team-server-sets').locator('li', { hasText: 'host-runs' }),
  ).toContainText('loaded here');
  await other.screenshot({ path: join(SCREENSHOTS, 'share-colleague.png') });
  expect(errors).toEqual([]);
  await context.close();
});

test('a link to a deleted set, or to an id the server never had, says the set is gone', async ({
  page,
}) => {
  // A set stored and deleted through the API (as a pipeline and its owner would).
  const body = readFileSync(join(HOST_RUNS, 'psync-sparse-randread.json'));
  const made = await page.request.post('/api/sets?name=nightly-doomed&file=psync.json', {
    data: body,
  });
  expect(made.status()).toBe(201);
  const { id } = (await made.json()) as { id: string };
  expect((await page.request.delete(`/api/sets/${id}`)).status()).toBe(200);

  await page.goto(`/?set=${id}&set=noSuchSet42`);
  const gone = page.getByTestId('team-gone');
  await expect(gone).toContainText(
    'This link names team sets that are not on the server any more',
    {
      timeout: 20_000,
    },
  );
  await expect(gone).toContainText(`“nightly-doomed” (set=${id}) was deleted on`);
  await expect(gone).toContainText("the server's owner can restore it");
  await expect(gone).toContainText('set=noSuchSet42: no such set on this server');
  // The rest of the page still works on what is loaded.
  await expect(page.getByTestId('pivot')).toBeVisible({ timeout: 20_000 });
  await page.screenshot({ path: join(SCREENSHOTS, 'share-gone.png') });
});

test('a server that wants a token: the page asks for it, keeps it for the tab, and says 413 plainly', async ({
  page,
  consoleErrors,
}) => {
  await freshStart(page);
  await expect(page.getByTestId('pivot')).toBeVisible({ timeout: 20_000 });
  // The e2e server has no token: this one pretends to want "s3cret-token-for-e2e" and passes
  // the request on once it comes with it; later shares are "too large".
  const seen: (string | null)[] = [];
  let tooLarge = false;
  await page.route('**/api/sets?name=*', async (route) => {
    const auth = route.request().headers().authorization ?? null;
    seen.push(auth);
    if (tooLarge)
      return route.fulfill({
        status: 413,
        contentType: 'application/json',
        body: JSON.stringify({ error: 'upload larger than 1048576 bytes' }),
      });
    if (auth !== 'Bearer s3cret-token-for-e2e')
      return route.fulfill({
        status: 401,
        contentType: 'application/json',
        body: JSON.stringify({ error: 'missing or wrong token' }),
      });
    return route.continue();
  });
  const panel = page.getByTestId('team-panel');
  const localRow = () => panel.getByTestId('team-local-sets').locator('li').first();
  await page
    .getByTestId('ingest-file-input')
    .setInputFiles(join(HERE, 'fixtures-data', '01_fio-2.18_legacy-usec-keys_randread-qd1.json'));
  await page.getByTestId('team-button').click();
  await expect(localRow()).toBeVisible({ timeout: 20_000 });
  const first = (await localRow().locator('.team-name').innerText()).trim();
  await localRow().getByTestId('share-set').click();
  await expect(panel.getByTestId('team-problem')).toHaveText(
    'Not stored: the server wants its write token (missing or wrong token).',
  );
  await panel.getByTestId('team-token').fill('s3cret-token-for-e2e');
  await page.screenshot({ path: join(SCREENSHOTS, 'share-token.png') });
  await panel.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(panel.getByTestId('team-shared')).toContainText(`“${first}” is on the team server`);
  expect(seen).toEqual([null, 'Bearer s3cret-token-for-e2e']);
  expect(await page.evaluate(() => sessionStorage.getItem('aio-dash.team-token'))).toBe(
    's3cret-token-for-e2e',
  );
  expect(await page.evaluate(() => localStorage.getItem('aio-dash.team-token'))).toBeNull();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();

  // Another set, refused as too large: said with the limit, nothing claimed to be stored.
  tooLarge = true;
  await page
    .getByTestId('ingest-file-input')
    .setInputFiles(join(HOST_RUNS, 'libaio-sparse-randread.json'));
  await page.getByTestId('team-button').click();
  await expect(localRow()).toBeVisible({ timeout: 20_000 });
  const name = (await localRow().locator('.team-name').innerText()).trim();
  await localRow().getByTestId('share-set').click();
  await expect(panel.getByTestId('team-problem')).toHaveText(
    `“${name}” is larger than this server accepts (upload larger than 1048576 bytes); nothing was stored. Share a smaller set, or ask for a larger --max-upload.`,
  );
  await expect(panel.getByTestId('team-shared')).toHaveCount(0);
  await page.screenshot({ path: join(SCREENSHOTS, 'share-too-large.png') });
  // The browser logs the refused requests (401, 413) itself: those and nothing else.
  expect(consoleErrors.every((e) => /status of (401|413)/.test(e))).toBe(true);
  consoleErrors.length = 0;
});
