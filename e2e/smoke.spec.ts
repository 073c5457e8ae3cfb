import { test, expect } from './fixtures';

test('the start page renders', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'aio-dash' })).toBeVisible();
});
