import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { Page } from '@playwright/test';
import { storedSets, test, expect } from './fixtures';

const FIO_FILE = join(
  dirname(fileURLToPath(import.meta.url)),
  'fixtures-data',
  '01_fio-2.18_legacy-usec-keys_randread-qd1.json',
);
const FIO_SET = '01_fio-2.18_legacy-usec-keys_randread-qd1';
/** The bundled sets (data/manifest.json), loaded before anything else. */
const BUNDLED = (
  JSON.parse(
    readFileSync(
      join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'manifest.json'),
      'utf8',
    ),
  ) as { sets: { records: number }[] }
).sets;
const setsLine = (loaded: number) => new RegExp(`^${BUNDLED.length + loaded} sets · `);

const WIKI_TABLE = [
  '| storage | aio | rw | bs | iodepth | IOPS | lat |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  '| NFS | native | randread | 4K | 16 | 12000 | 1.3 msec |',
  '| NFS | threads | randread | 4K | 16 | 9000 | 1.7 msec |',
  '| NFS | turbo | randread | 4K | 16 | 9000 | 1.7 msec |',
].join('\n');

const panel = (page: Page) => page.getByRole('region', { name: 'Loaded result sets' });
const setItem = (page: Page, name: string) =>
  page.getByTestId('set-manager').locator(`li.set-row[data-set="${name}"]`);

/** Opens the data bar's set list and the files of `set` (its per-file accounting). */
async function showSet(page: Page, set: string) {
  const summary = page.getByTestId('set-summary');
  if ((await summary.getAttribute('aria-expanded')) !== 'true') await summary.click();
  const files = setItem(page, set).getByRole('button', { name: /^Files \(/ });
  if ((await files.getAttribute('aria-expanded')) !== 'true') await files.click();
}

/** Closes the set list (it is an overlay over the page). */
async function closeSetList(page: Page) {
  const summary = page.getByTestId('set-summary');
  if ((await summary.getAttribute('aria-expanded')) === 'true') await summary.click();
}

/** The counts line of a set's file: "R read · A accepted · J rejected · F flagged", R = A + J. */
async function counts(page: Page, set: string) {
  const text = await setItem(page, set).locator('.ingest-counts').first().innerText();
  const m = /(\d+) read · (\d+) accepted · (\d+) rejected · (\d+) flagged/.exec(text);
  expect(m, `counts line "${text}"`).not.toBeNull();
  const [read, accepted, rejected, flagged] = m!.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
  ];
  expect(read).toBe(accepted + rejected);
  return { read, accepted, rejected, flagged };
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  // Start from an empty IndexedDB so the test does not depend on an earlier run.
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const r = indexedDB.deleteDatabase('aio-dash');
        r.onsuccess = r.onerror = r.onblocked = () => resolve();
      }),
  );
  await page.reload();
  await expect(panel(page).getByRole('button', { name: 'Load files…' })).toBeVisible({
    timeout: 20_000,
  });
});

test('load a fio JSON file, paste tables, keep them across a reload, remove them', async ({
  page,
}) => {
  // 1. A real fio 2.18 JSON file through the file picker: parsed in the worker, listed with counts.
  const chooser = page.waitForEvent('filechooser');
  await panel(page).getByRole('button', { name: 'Load files…' }).click();
  await (await chooser).setFiles(FIO_FILE);
  await expect(page.getByTestId('set-summary')).toHaveText(setsLine(1));
  await showSet(page, FIO_SET);
  await expect(setItem(page, FIO_SET)).toBeVisible();
  await expect(setItem(page, FIO_SET).locator('.ingest-set-size')).toHaveText('1 record');
  expect(await counts(page, FIO_SET)).toMatchObject({ read: 1, accepted: 1, rejected: 0 });
  await expect(setItem(page, FIO_SET).locator('.ingest-format')).toHaveText('(fio-json)');
  await closeSetList(page);

  // 2. A wiki table through the "Paste table" dialog; its bad row is listed with file, line and reason.
  await panel(page).getByRole('button', { name: 'Paste table' }).click();
  const dialog = page.getByRole('dialog', { name: 'Paste a table' });
  await dialog.getByLabel('Table text').fill(WIKI_TABLE);
  await dialog.getByRole('button', { name: 'Load' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('set-summary')).toHaveText(setsLine(2));
  await showSet(page, 'clipboard');
  expect(await counts(page, 'clipboard')).toEqual({
    read: 3,
    accepted: 2,
    rejected: 1,
    flagged: 0,
  });
  await setItem(page, 'clipboard').getByText('Rejected rows (1)').click();
  const rejectedRow = setItem(page, 'clipboard').locator('.ingest-rejected tbody tr');
  await expect(rejectedRow).toHaveCount(1);
  await expect(rejectedRow.locator('td')).toHaveText([
    'clipboard',
    '5',
    /aio: 'turbo' is not one of/,
  ]);
  await closeSetList(page);

  // 3. Ctrl/Cmd+V anywhere outside inputs (a spreadsheet selection is tab-separated text): a
  // second paste is a second set, never a replacement of the first.
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData(
      'text/plain',
      'storage\taio\trw\tbs\tiodepth\tIOPS\nSharedBlock\tio_uring\trandwrite\t4096\t32\t51000\n',
    );
    document.body.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  });
  await expect(page.getByTestId('set-summary')).toHaveText(setsLine(3));
  await showSet(page, 'clipboard (2)');
  expect(await counts(page, 'clipboard (2)')).toEqual({
    read: 1,
    accepted: 1,
    rejected: 0,
    flagged: 0,
  });
  await closeSetList(page);

  // 4. A file dragged onto the page shows the overlay; dropping it loads it.
  const dataTransfer = await page.evaluateHandle(() => {
    const data = new DataTransfer();
    data.items.add(
      new File(['aio,iops,rw,bs,iodepth\nnative,1000,randread,4096,1\n'], 'dropped.csv', {
        type: 'text/csv',
      }),
    );
    return data;
  });
  await page.dispatchEvent('body', 'dragenter', { dataTransfer });
  await expect(page.getByText('Drop result files to load them')).toBeVisible();
  await page.dispatchEvent('body', 'drop', { dataTransfer });
  await expect(page.getByText('Drop result files to load them')).toBeHidden();
  await expect(page.getByTestId('set-summary')).toHaveText(setsLine(4));
  await showSet(page, 'dropped');
  expect(await counts(page, 'dropped')).toEqual({ read: 1, accepted: 1, rejected: 0, flagged: 0 });
  await closeSetList(page);

  // 5. A file that is not a result set gets one clear error and no set.
  const chooser2 = page.waitForEvent('filechooser');
  await panel(page).getByRole('button', { name: 'Load files…' }).click();
  await (
    await chooser2
  ).setFiles({ name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.from('  \n') });
  await expect(panel(page).getByRole('alert')).toContainText('empty.txt');
  await expect(panel(page).getByRole('alert')).toContainText('expected a result set');
  await expect(page.getByTestId('set-summary')).toHaveText(setsLine(4));

  // 6. After a reload the user's sets come back from IndexedDB, with their counts.
  const names = [FIO_SET, 'clipboard', 'clipboard (2)', 'dropped'];
  await expect.poll(() => storedSets(page)).toEqual([...names].sort());
  await page.reload();
  await expect(page.getByTestId('set-summary')).toHaveText(setsLine(4), { timeout: 20_000 });
  await showSet(page, 'clipboard');
  for (const name of names) await expect(setItem(page, name)).toBeVisible();
  expect(await counts(page, 'clipboard')).toEqual({
    read: 3,
    accepted: 2,
    rejected: 1,
    flagged: 0,
  });
  await expect(setItem(page, FIO_SET).locator('.ingest-set-size')).toHaveText('1 record');

  // 7. Remove one (after a confirmation): it is gone now and after another reload.
  await setItem(page, FIO_SET)
    .getByRole('button', { name: `Remove set ${FIO_SET}` })
    .click();
  await setItem(page, FIO_SET).getByRole('button', { name: 'Really remove' }).click();
  await expect(setItem(page, FIO_SET)).toHaveCount(0);
  await expect.poll(() => storedSets(page)).toEqual(['clipboard', 'clipboard (2)', 'dropped']);
  await page.reload();
  await expect(page.getByTestId('set-summary')).toHaveText(setsLine(3), { timeout: 20_000 });
  await showSet(page, 'clipboard');
  await expect(setItem(page, 'clipboard')).toBeVisible();
  await expect(setItem(page, FIO_SET)).toHaveCount(0);
});
