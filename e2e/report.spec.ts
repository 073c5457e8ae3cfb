import { PDFParse } from 'pdf-parse';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

async function pdfText(page: Page): Promise<string> {
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

async function openReport(page: Page, query: string) {
  await page.goto(`/report${query}`);
  await expect(page.getByTestId('report-matrix')).toBeVisible({ timeout: 30_000 });
}

test('the decision report prints to PDF with the recommendation matrix', async ({ page }) => {
  await openReport(page, '?host=centos7&lang=en');
  await expect(page.getByTestId('report-question')).toHaveText(
    'Which aio mode, and should it be the default?',
  );
  await expect(page.getByTestId('report-host')).toContainText('CentOS 7 / 3.10');
  // On screen the matrix holds the seed's answers: SharedBlock → native, sparse LocalStorage → threads.
  const matrix = page.getByTestId('report-matrix');
  const row = (storage: string, medium: string) =>
    matrix
      .locator('tbody tr')
      .filter({ has: page.getByRole('rowheader', { name: storage }) })
      .filter({ hasText: medium });
  await expect(row('SharedBlock', 'SSD-iSCSI')).toContainText('native');
  await expect(row('LocalStorage', 'SSD').locator('td').nth(1)).toContainText('threads');

  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Print / PDF' })).toBeHidden();
  await expect(page.locator('header.app-header')).toBeHidden();

  // Table cells wrap in the PDF: compare with whitespace collapsed.
  const text = (await pdfText(page)).replace(/\s+/g, ' ');
  expect(text).toContain('Which aio mode, and should it be the default?');
  expect(text).toContain('Recommendation matrix');
  for (const s of [
    'LocalStorage',
    'SharedBlock',
    'SSD-iSCSI',
    'FC-SAN',
    'NVMe',
    'prealloc off',
    'prealloc falloc',
    'prealloc n/a',
  ])
    expect(text).toContain(s);
  // The matrix's answers and confidences reached the PDF.
  expect(text).toMatch(/native\s+high/);
  expect(text).toMatch(/threads\s+high/);
  expect(text).toMatch(/native\s+low/);
  expect(text).toContain(
    'threads for LocalStorage with preallocation off (default) until the kernel has io_uring (then io_uring)',
  );
  // No app chrome and no buttons in print.
  expect(text).not.toContain('Print / PDF');
  expect(text).not.toContain('Which QEMU aio mode for which disk');
});

test('the report follows the host profile and language of its link', async ({ page }) => {
  await openReport(page, '?host=debian12&lang=zh');
  await expect(page.getByTestId('report-question')).toHaveText('用哪种 aio 模式？是否应设为默认？');
  await expect(page.getByTestId('report-host')).toContainText('Debian 12 / 6.1');
  const matrix = page.getByTestId('report-matrix');
  const ssd = matrix
    .locator('tbody tr')
    .filter({ has: page.getByRole('rowheader', { name: 'LocalStorage' }) })
    .filter({ hasText: 'SSD' });
  await expect(ssd.locator('td').nth(1)).toContainText('io_uring');
});
