/**
 * Result sets follow loads in the browser (issue 11): a folder picked = one set, two folders with
 * equal file names = two sets with every record, identical content is recognised, the user's
 * data shows first, the set list stays compact at 150+ sets, and the column mapping step.
 * Fixtures: real fio output under e2e/fixtures-data/layouts (README there says how it was made).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { freshStart, storedSets, SCREENSHOTS, test, expect } from './fixtures';

/** Temp dirs of these tests, removed when the file's tests end. */
const made: string[] = [];
const tempDir = (prefix: string): string => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
};
test.afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

const HERE = dirname(fileURLToPath(import.meta.url));
const LAYOUTS = join(HERE, 'fixtures-data', 'layouts');
const BUNDLED = 'zstack-2023q1';
/** The bundled sets (data/manifest.json): their number and records, shown before any load. */
const MANIFEST = JSON.parse(readFileSync(join(HERE, '..', 'data', 'manifest.json'), 'utf8')) as {
  sets: { name: string; records: number }[];
};
const B = MANIFEST.sets.length;
const R = MANIFEST.sets.reduce((n, s) => n + s.records, 0);
/** The data bar's summary line: "3 sets · 1,234 records · 2 hidden". */
const line = (sets: number, records: number, hidden = 0) =>
  new RegExp(
    `^${sets === 1 ? '1 set' : `${sets} sets`} · ${records.toLocaleString('en-US')} records${
      hidden > 0 ? ` · ${hidden} hidden` : ''
    } [▾▴]$`,
  );

const summary = (page: Page) => page.getByTestId('set-summary');
const manager = (page: Page) => page.getByTestId('set-manager');
const row = (page: Page, name: string) => manager(page).locator(`li.set-row[data-set="${name}"]`);
const recordsTabCount = (page: Page) =>
  page.getByRole('tab', { name: /Records/ }).locator('.tab-count');

async function openList(page: Page) {
  if ((await summary(page).getAttribute('aria-expanded')) !== 'true') await summary(page).click();
  await expect(manager(page)).toBeVisible();
}
async function closeList(page: Page) {
  if ((await summary(page).getAttribute('aria-expanded')) === 'true') await summary(page).click();
  await expect(manager(page)).toBeHidden();
}

test.beforeEach(async ({ page }) => {
  await freshStart(page);
  await expect(summary(page)).toHaveText(line(B, R), { timeout: 20_000 });
});

test('a folder of 12 host runs picked at once is one set; their data shows first; loading it again adds nothing', async ({
  page,
}) => {
  await page.getByTestId('ingest-folder-input').setInputFiles(join(LAYOUTS, 'host-runs'));
  // One set of 12 records; the bundled set hidden so that the user's own files show first.
  await expect(summary(page)).toHaveText(line(B + 1, R + 12, B));
  await expect(page.getByTestId('bundled-hidden')).toContainText(BUNDLED);
  await expect(recordsTabCount(page)).toHaveText('12');
  await openList(page);
  await expect(manager(page).locator('li.set-row')).toHaveCount(B + 1);
  await expect(row(page, 'host-runs').locator('.ingest-set-size')).toHaveText('12 records');
  await expect(row(page, BUNDLED)).not.toHaveClass(/\bon\b/);
  // Origins keep the path relative to the set's folder.
  await row(page, 'host-runs')
    .getByRole('button', { name: /Files \(12\)/ })
    .click();
  await expect(row(page, 'host-runs').locator('.ingest-report')).toHaveCount(12);
  await expect(
    row(page, 'host-runs').locator('.ingest-report[data-file="libaio-sparse-randread.json"]'),
  ).toBeVisible();
  await closeList(page);

  // The same folder again: recognised by content, nothing added, and the page says so.
  await page.getByTestId('ingest-folder-input').setInputFiles(join(LAYOUTS, 'host-runs'));
  await expect(page.getByTestId('load-identical')).toContainText(
    'host-runs: identical to loaded set host-runs — nothing added.',
  );
  await expect(summary(page)).toHaveText(line(B + 1, R + 12, B));

  // One click brings the bundled data back.
  await page.getByTestId('bundled-hidden').getByRole('button', { name: 'Show it' }).click();
  await expect(summary(page)).toHaveText(line(B + 1, R + 12));
  await expect(page.getByTestId('bundled-hidden')).toHaveCount(0);

  // The sets and their identity survive a reload; the same content is still recognised.
  await expect.poll(() => storedSets(page)).toEqual(['host-runs']);
  await page.reload();
  await expect(summary(page)).toHaveText(line(B + 1, R + 12), { timeout: 20_000 });
  await page.getByTestId('ingest-folder-input').setInputFiles(join(LAYOUTS, 'host-runs'));
  await expect(page.getByTestId('load-identical')).toContainText('identical to loaded set');
  await expect(summary(page)).toHaveText(line(B + 1, R + 12));

  // The user showed the bundled data again: a later load leaves it shown.
  await page
    .getByTestId('ingest-file-input')
    .setInputFiles(join(LAYOUTS, 'host-runs', 'libaio-sparse-randread.json'));
  await expect(summary(page)).toHaveText(line(B + 2, R + 13));
  await expect(page.getByTestId('bundled-hidden')).toHaveCount(0);
});

test('two device folders with equal file names in one action are two sets, every record kept; rename, merge and remove', async ({
  page,
}) => {
  const devices = join(LAYOUTS, 'devices');
  const [devA, devB] = readdirSync(devices).sort();
  const files = (d: string) => readdirSync(join(devices, d)).filter((f) => f.endsWith('.json'));
  expect(files(devA!)).toEqual(files(devB!)); // the layout under test: the same file names
  const perDevice = files(devA!).length;

  await page.getByTestId('ingest-folder-input').setInputFiles(devices);
  await expect(summary(page)).toHaveText(line(B + 2, R + 2 * perDevice, B));
  await expect(recordsTabCount(page)).toHaveText(String(2 * perDevice));
  await openList(page);
  for (const d of [devA!, devB!])
    await expect(row(page, d).locator('.ingest-set-size')).toHaveText(`${perDevice} records`);

  // Rename one device (its records follow), then merge both, then remove the merged set.
  await row(page, devA!)
    .getByRole('button', { name: `Rename set ${devA}` })
    .click();
  await row(page, devA!).getByRole('textbox').fill('fast disk');
  await row(page, devA!).getByRole('button', { name: 'Save' }).click();
  await expect(row(page, 'fast disk')).toBeVisible();
  await expect(row(page, devA!)).toHaveCount(0);
  // A taken name is refused, with the reason.
  await row(page, devB!)
    .getByRole('button', { name: `Rename set ${devB}` })
    .click();
  await row(page, devB!).getByRole('textbox').fill('fast disk');
  await row(page, devB!).getByRole('button', { name: 'Save' }).click();
  await expect(row(page, devB!).getByRole('alert')).toHaveText(
    'A set named “fast disk” is loaded already.',
  );
  await row(page, devB!).getByRole('textbox').press('Escape');

  await manager(page).getByRole('button', { name: 'Merge sets…' }).click();
  await row(page, 'fast disk')
    .getByRole('checkbox', { name: /Select fast disk/ })
    .check();
  await row(page, devB!)
    .getByRole('checkbox', { name: new RegExp(`Select ${devB}`) })
    .check();
  await manager(page)
    .getByRole('textbox', { name: /Merge the 2 selected sets into/ })
    .fill('both');
  await manager(page).getByRole('button', { name: 'Merge', exact: true }).click();
  await expect(row(page, 'both').locator('.ingest-set-size')).toHaveText(
    `${2 * perDevice} records`,
  );
  await expect(summary(page)).toHaveText(line(B + 1, R + 2 * perDevice, B));
  // Persisted: after a reload the merged set is there with every record.
  await expect.poll(() => storedSets(page)).toEqual(['both']);
  await page.reload();
  await expect(summary(page)).toHaveText(line(B + 1, R + 2 * perDevice, B), { timeout: 20_000 });
  await openList(page);
  await expect(row(page, 'both').locator('.ingest-set-size')).toHaveText(
    `${2 * perDevice} records`,
  );
  await row(page, 'both').getByRole('button', { name: 'Remove set both' }).click();
  await row(page, 'both').getByRole('button', { name: 'Really remove' }).click();
  await expect(row(page, 'both')).toHaveCount(0);
  await expect.poll(() => storedSets(page)).toEqual([]);
  await page.reload();
  await expect(summary(page)).toHaveText(line(B, R), { timeout: 20_000 });
});

test('150 files loaded as one set each leave the pivot fully usable at 1280×800', async ({
  page,
}) => {
  // 150 small result files (one host each, threads vs native): the scale, not the parser, is
  // under test here.
  const dir = tempDir('aio-sets-');
  const paths: string[] = [];
  for (let i = 1; i <= 150; i++) {
    const node = `node-${String(i).padStart(3, '0')}`;
    const rows = ['storage,medium,aio,rw,bs,iodepth,numjobs,iops,lat_mean_us'];
    for (const rw of ['randread', 'randwrite'])
      for (const [aio, f] of [
        ['threads', 1],
        ['native', 1.1 + (i % 7) / 50],
      ] as const)
        rows.push(
          `${node},${i % 2 ? 'SSD' : 'NVMe'},${aio},${rw},4096,32,1,${Math.round(40000 * f + i)},${Math.round(800 / f)}`,
        );
    const p = join(dir, `${node}.csv`);
    writeFileSync(p, rows.join('\n') + '\n');
    paths.push(p);
  }
  await page.getByText('One set per file').click();
  await page.getByTestId('ingest-file-input').setInputFiles(paths);
  await expect(summary(page)).toHaveText(line(B + 150, R + 600, B), { timeout: 30_000 });
  const pivot = page.getByTestId('pivot');
  await expect(pivot).toBeVisible();
  const viewport = page.viewportSize()!;
  const dataBar = await page
    .getByRole('region', { name: 'Result sets', exact: true })
    .boundingBox();
  expect(dataBar!.height).toBeLessThan(110);
  await page.screenshot({ path: join(SCREENSHOTS, 'many-sets.png') });
  // The pivot scrolls inside the analysis area: the part of it on screen is what the user has.
  const panel = page.getByRole('tabpanel');
  const visiblePivot = async () => {
    const p = (await pivot.boundingBox())!;
    const area = (await panel.boundingBox())!;
    return Math.min(p.y + p.height, area.y + area.height, viewport.height) - Math.max(p.y, area.y);
  };
  const shown = await visiblePivot();
  expect(shown).toBeGreaterThan(viewport.height * 0.6);
  // Usable: a cell opens its side panel.
  await pivot.locator('[data-testid^="cell-node-001"]').first().click();
  await expect(page.getByTestId('cell-panel')).toBeVisible();
  await page.keyboard.press('Escape');

  // The set list: a bounded overlay, filterable; the pivot keeps its place under it.
  await openList(page);
  await expect(manager(page).locator('li.set-row')).toHaveCount(B + 150);
  const list = await manager(page).boundingBox();
  expect(list!.height).toBeLessThan(viewport.height * 0.8);
  await manager(page).getByRole('searchbox').fill('node-01');
  await expect(manager(page).locator('li.set-row')).toHaveCount(10);
  await manager(page).getByRole('button', { name: 'Hide all' }).click();
  await expect(summary(page)).toHaveText(line(B + 150, R + 600, B + 10));
  await manager(page).getByRole('searchbox').fill('');
  await page.screenshot({ path: join(SCREENSHOTS, 'sets-list.png') });
  expect(await visiblePivot()).toBe(shown);
});

test('the column mapping step turns an unknown column into aio, remembered for the next file with the same header row', async ({
  page,
}) => {
  // A lab's sheet: "Flavour" says whether kernel AIO was on (yes/no). Yes/no fits several fields
  // (aio, IOThread, pre-written), so the import cannot tell which: the column is not mapped.
  const dir = tempDir('aio-lab-');
  const sheet = (scale: number) =>
    [
      'Flavour,rw,bs,iodepth,iops,lat_mean_us',
      `yes,randread,4k,32,${52000 * scale},610`,
      `no,randread,4k,32,${41000 * scale},780`,
      `yes,randwrite,4k,32,${47000 * scale},680`,
      `no,randwrite,4k,32,${39000 * scale},820`,
    ].join('\n') + '\n';
  writeFileSync(join(dir, 'lab-1.csv'), sheet(1));
  writeFileSync(join(dir, 'lab-2.csv'), sheet(2));

  await page.getByTestId('ingest-file-input').setInputFiles(join(dir, 'lab-1.csv'));
  const dialog = page.getByRole('dialog', { name: 'Which column is which?' });
  await expect(dialog).toBeVisible();
  const flavour = dialog.locator('tr[data-header="Flavour"]');
  await expect(flavour).toContainText('yes, no');
  await expect(flavour).toContainText('not mapped');
  await expect(dialog.getByLabel('Use column Flavour as')).toHaveValue('extra');
  await expect(dialog.getByLabel('Use column iops as')).toHaveValue('field:iops');
  await page.screenshot({ path: join(SCREENSHOTS, 'mapping-dialog.png') });

  await dialog.getByLabel('Use column Flavour as').selectOption('field:aio');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('load-mapped')).toContainText(
    'lab-1: read again with your column mapping',
  );
  // yes → native, no → threads: the default comparison now has its two cells.
  await expect(page.getByTestId('compare-summary')).toContainText('2 cells');
  await openList(page);
  await row(page, 'lab-1')
    .getByRole('button', { name: /Files \(1\)/ })
    .click();
  await expect(row(page, 'lab-1').locator('.set-mapping')).toContainText('Flavour → aio');
  await expect(row(page, 'lab-1').getByTestId('load-note')).toHaveText(
    'column “Flavour” → aio (your mapping)',
  );
  await closeList(page);

  // The next file with the same header row is read with the remembered mapping, and says so.
  await page.getByTestId('ingest-file-input').setInputFiles(join(dir, 'lab-2.csv'));
  await expect(page.getByTestId('load-remembered')).toContainText(
    'lab-2.csv: your column mapping for this header row was applied.',
  );
  await expect(dialog).toBeHidden();
  await expect(summary(page)).toHaveText(line(B + 2, R + 8, B));
  await expect(page.getByTestId('compare-summary')).toContainText('4 cells');

  // The notes are translated from their structure.
  await page.getByRole('button', { name: '中文' }).click();
  await openList(page);
  await row(page, 'lab-2').getByRole('button', { name: /文件/ }).click();
  await expect(row(page, 'lab-2').getByTestId('load-note')).toHaveText(
    '列“Flavour” → aio（你的映射）',
  );
});
