import { test as base, expect } from '@playwright/test';

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
