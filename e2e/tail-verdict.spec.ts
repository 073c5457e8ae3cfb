/**
 * Tail regression and FDR control on screen (issue 15.3, 15.4), with the CONSTRUCTED fixture
 * e2e/fixtures-data/tail-verdict/stalls-constructed.csv (see its README: no real allocation stall
 * here): the pivot marks the stalled cell with an accessible label, the side panel states the
 * tail sentence, the medians, and that Benjamini–Hochberg was applied over the cells tested.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshStart, SCREENSHOTS, test, expect } from './fixtures';

const HERE = dirname(fileURLToPath(import.meta.url));
const CSV = join(HERE, 'fixtures-data', 'tail-verdict', 'stalls-constructed.csv');

test('a stalled cell is marked in the pivot and explained in the panel, with FDR control', async ({
  page,
}) => {
  await freshStart(page);
  const sets = page.getByRole('region', { name: 'Loaded result sets' });
  await expect(sets.getByRole('button', { name: 'Load files…' })).toBeVisible({ timeout: 20_000 });
  const chooser = page.waitForEvent('filechooser');
  await sets.getByRole('button', { name: 'Load files…' }).click();
  await (await chooser).setFiles(CSV);

  // The pivot marks exactly the stalled cell (and the group row above it); its label carries the
  // sentence, not only a glyph.
  const mark = page.locator('td.cell:not(.group-cell) [data-testid="tail-mark"]');
  await expect(mark).toHaveCount(1, { timeout: 20_000 });
  await expect(mark).toHaveAccessibleName(
    /^Tail regression: mean IOPS \+12\.0%, but p99\.9 ×3\.1 — stalls/,
  );

  await mark.locator('xpath=ancestor::td[1]').click();
  const panel = page.getByTestId('cell-panel');
  await expect(panel).toBeVisible();
  const tail = panel.getByTestId('panel-tail');
  await expect(tail.getByTestId('panel-tail-alert')).toContainText(
    'mean IOPS +12.0%, but p99.9 ×3.1 — stalls',
  );
  await expect(tail).toContainText('p99.9: 2,000 µs → 6,200 µs (×3.1)');
  const fdr = panel.getByTestId('panel-fdr');
  await expect(fdr).toContainText('9 cells tested; improvement/regression kept where q < 0.05');
  await expect(fdr.getByTestId('panel-fdr-cell').first()).toContainText(
    /p = < 0\.001, q = < 0\.001/,
  );
  await tail.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENSHOTS, 'tail-verdict-panel.png') });
  await fdr.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENSHOTS, 'tail-verdict-fdr.png') });

  // Chinese: the same marker and panel text in zh.
  await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: '中文' }).click();
  await expect(mark).toHaveAccessibleName(/^尾部退化：平均 IOPS/);
  await expect(page.getByTestId('panel-fdr')).toContainText('共检验 9 个单元');
  await page.screenshot({ path: join(SCREENSHOTS, 'tail-verdict-panel-zh.png') });
});
