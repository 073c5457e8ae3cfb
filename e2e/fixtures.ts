import { test as base, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the specs save their screenshots: docs/screenshots/ when AIO_SCREENSHOTS=1 (to refresh
 * the README's pictures), else test-results/screenshots/, so that `npm test` leaves the
 * repository's files as they are.
 */
export const SCREENSHOTS = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  process.env.AIO_SCREENSHOTS === '1' ? 'docs/screenshots' : 'test-results/screenshots',
);

/** Every e2e test fails on a page error or a console error. */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
      });
      await use(errors);
      expect(errors, 'page or console errors').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/** Opens the start page with no stored sets and no remembered choices (IndexedDB, localStorage). */
export async function freshStart(page: Page): Promise<void> {
  await page.goto('/');
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        localStorage.clear();
        const r = indexedDB.deleteDatabase('aio-dash');
        r.onsuccess = r.onerror = r.onblocked = () => resolve();
      }),
  );
  await page.reload();
}

/** Names of the sets saved in IndexedDB (saves run after the UI shows a change). */
export const storedSets = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('aio-dash');
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('sets')) return resolve([]);
          const keys = db.transaction('sets').objectStore('sets').getAllKeys();
          keys.onsuccess = () => {
            db.close();
            resolve((keys.result as string[]).sort());
          };
        };
      }),
  );
