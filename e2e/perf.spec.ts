/**
 * Browser performance budgets (real Chromium, localhost, 1280×800):
 *   - LCP of the start page ≤ 1 s;
 *   - a filter change on the bundled data repaints ≤ 100 ms;
 *   - loading 100k synthetic records through the worker never blocks the main thread > 100 ms
 *     (every `longtask` entry from the file choice until the pivot shows the new set);
 *   - a filter change with those 100k records loaded repaints ≤ 200 ms.
 *
 * "Repaints" = from the click to the frame after the pivot's DOM changed: performance.now()
 * around a click dispatched inside the page, a MutationObserver on the pivot, then two
 * requestAnimationFrame callbacks (the second runs after the frame with the change was painted).
 * Each measurement is also left as performance marks/measures (`aio-dash:*`) for traces.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Page, Locator } from '@playwright/test';
import { test, expect } from './fixtures';
import { ensureCsv, csvPath } from '../bench/synth';

/** Installed before any page script: records every long task (> 50 ms) of the main thread. */
function installLongTaskObserver() {
  const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
  w.__longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // Not a Chromium: the spec then fails on an empty observer support check below.
  }
}

const longTasks = (page: Page, since = 0) =>
  page.evaluate(
    (t) =>
      (
        window as unknown as { __longTasks: { start: number; duration: number }[] }
      ).__longTasks.filter((e) => e.start >= t),
    since,
  );

const pivot = (page: Page) => page.getByTestId('pivot');

/**
 * Clicks `target` inside the page and returns ms from the click until the frame after the
 * pivot's DOM changed (or throws when the pivot did not change within 5 s).
 */
async function clickToRepaint(page: Page, target: Locator, label: string): Promise<number> {
  return toRepaint(page, target, label, null);
}

/** As clickToRepaint, for typing `value` into the input `target` (one input event). */
function inputToRepaint(page: Page, target: Locator, value: string, label: string) {
  return toRepaint(page, target, label, value);
}

async function toRepaint(
  page: Page,
  target: Locator,
  label: string,
  value: string | null,
): Promise<number> {
  const el = await target.elementHandle();
  const grid = await pivot(page).elementHandle();
  return page.evaluate(
    async ([input, table, name, typed]) => {
      let changed = false;
      const mo = new MutationObserver(() => (changed = true));
      mo.observe(table, { subtree: true, childList: true, characterData: true, attributes: true });
      const frame = () => new Promise<number>((r) => requestAnimationFrame(r));
      performance.mark(`aio-dash:${name}:click`);
      const t0 = performance.now();
      if (typed === null) (input as HTMLElement).click();
      else {
        // React listens to the native setter's value plus an input event.
        const field = input as HTMLInputElement;
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value');
        setter?.set?.call(field, typed);
        field.dispatchEvent(new Event('input', { bubbles: true }));
      }
      const deadline = t0 + 5000;
      // React may commit in the click's microtask or in a later task: wait for the DOM change …
      while (!changed) {
        if (performance.now() > deadline) throw new Error(`${name}: the pivot did not change`);
        await frame();
      }
      // … then for the frame that paints it (the second rAF runs after that frame was presented).
      await frame();
      await frame();
      const t1 = performance.now();
      mo.disconnect();
      performance.mark(`aio-dash:${name}:painted`);
      performance.measure(`aio-dash:${name}`, `aio-dash:${name}:click`, `aio-dash:${name}:painted`);
      return t1 - t0;
    },
    [el, grid, label, value] as const,
  );
}

/** A medium facet checkbox (e.g. "SSD 12"), exact value, not SSD-iSCSI. */
const facet = (page: Page, value: string) =>
  page
    .getByTestId('filters')
    .getByRole('checkbox', {
      name: new RegExp(`^${value.replace(/[-/\\^$*+?.()|[\]{}]/g, '\\$&')}(\\s|$)`),
    })
    .first();

test.beforeEach(async ({ page }) => {
  await page.addInitScript(installLongTaskObserver);
});

test('LCP of the start page ≤ 1 s on localhost', async ({ page }) => {
  await page.goto('/', { waitUntil: 'load' });
  await expect(pivot(page)).toBeVisible({ timeout: 15_000 });
  // LCP is final after load and the first render of the data; read the last candidate.
  const lcp = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let last = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) last = e.startTime;
        }).observe({ type: 'largest-contentful-paint', buffered: true });
        setTimeout(() => resolve(last), 300);
      }),
  );
  test.info().annotations.push({ type: 'perf', description: `LCP ${lcp.toFixed(0)} ms` });
  console.log(`LCP ${lcp.toFixed(0)} ms`);
  expect(lcp, 'LCP was observed').toBeGreaterThan(0);
  expect(lcp, 'LCP (ms)').toBeLessThanOrEqual(1000);
});

test('a filter change on the bundled data repaints ≤ 100 ms', async ({ page }) => {
  await page.goto('/');
  await expect(pivot(page)).toBeVisible({ timeout: 15_000 });
  const ssd = facet(page, 'SSD');
  await expect(ssd).toBeVisible();
  // Warm-up: the first interaction compiles the handlers; measure the next ones (median of 3).
  await clickToRepaint(page, ssd, 'filter-warmup-on');
  await clickToRepaint(page, ssd, 'filter-warmup-off');
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    times.push(await clickToRepaint(page, ssd, `filter-bundled-${i}-on`));
    times.push(await clickToRepaint(page, ssd, `filter-bundled-${i}-off`));
  }
  times.sort((a, b) => a - b);
  const median = times[times.length >> 1]!;
  const note = `filter change (bundled) median ${median.toFixed(0)} ms, all ${times.map((t) => t.toFixed(0)).join(', ')}`;
  test.info().annotations.push({ type: 'perf', description: note });
  console.log(note);
  expect(median, 'filter change → repaint, bundled data (ms)').toBeLessThanOrEqual(100);
});

test.describe('100k synthetic records', () => {
  test.describe.configure({ timeout: 240_000 });

  test.beforeAll(() => {
    // Same bytes as `npm run bench` uses (fixed seed); generated once into bench/.cache/.
    if (!existsSync(csvPath('100k'))) ensureCsv('100k');
  });

  test('loading through the worker never blocks > 100 ms, and a filter change repaints ≤ 200 ms', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(pivot(page)).toBeVisible({ timeout: 15_000 });
    const supported = await page.evaluate(() =>
      PerformanceObserver.supportedEntryTypes.includes('longtask'),
    );
    expect(supported, 'longtask entries are supported').toBe(true);
    const input = page.getByTestId('ingest-file-input');
    test.skip((await input.count()) === 0, 'the ingest panel has no file input yet');

    const t0 = await page.evaluate(() => {
      performance.mark('aio-dash:load-100k:start');
      return performance.now();
    });
    await input.setInputFiles(csvPath('100k'));
    // Loaded = the panel reports the records, and the dashboard has recomputed with them: the
    // "excluded flagged" count includes the synthetic set's ~12,900 flagged records (bundled: < 100).
    await expect(
      page.getByRole('region', { name: 'Loaded result sets' }).getByRole('status'),
    ).toContainText('100000 records', {
      timeout: 180_000,
    });
    await expect
      .poll(
        async () =>
          Number((await page.getByTestId('excluded-count').innerText()).replace(/\D/g, '')),
        { timeout: 60_000 },
      )
      .toBeGreaterThan(10_000);
    // Let the idle work after the load (IndexedDB save, deferred renders) happen inside the window.
    await page.waitForTimeout(1500);
    const loadMs = await page.evaluate(() => {
      performance.mark('aio-dash:load-100k:done');
      return performance.measure(
        'aio-dash:load-100k',
        'aio-dash:load-100k:start',
        'aio-dash:load-100k:done',
      ).duration;
    });
    const tasks = await longTasks(page, t0);
    const worst = Math.max(0, ...tasks.map((t) => t.duration));
    test.info().annotations.push({
      type: 'perf',
      description: `100k load ${loadMs.toFixed(0)} ms; ${tasks.length} long tasks, worst ${worst.toFixed(0)} ms: ${tasks.map((t) => t.duration.toFixed(0)).join(', ')}`,
    });

    // Filter change with 100k records loaded (median of 3 on/off pairs after a warm-up).
    const ssd = facet(page, 'SSD');
    await expect(ssd).toBeVisible();
    await clickToRepaint(page, ssd, 'filter100k-warmup-on');
    await clickToRepaint(page, ssd, 'filter100k-warmup-off');
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      times.push(await clickToRepaint(page, ssd, `filter-100k-${i}-on`));
      times.push(await clickToRepaint(page, ssd, `filter-100k-${i}-off`));
    }
    times.sort((a, b) => a - b);
    const median = times[times.length >> 1]!;
    test.info().annotations.push({
      type: 'perf',
      description: `filter change (100k) median ${median.toFixed(0)} ms, all ${times.map((t) => t.toFixed(0)).join(', ')}`,
    });
    console.log(
      test
        .info()
        .annotations.map((a) => a.description)
        .join('\n'),
    );

    expect.soft(worst, 'longest main-thread task while loading 100k (ms)').toBeLessThanOrEqual(100);
    expect(median, 'filter change → repaint with 100k records (ms)').toBeLessThanOrEqual(200);
  });
});

/**
 * 1M records (not an issue-7 budget; opt in with AIO_PERF_1M=1, ≈ 15 s): the whole load through
 * the worker, next to the bundled seed, and a filter change. Guards what the 1M fixes of
 * 2026-11-26 bought (longest task 858 ms before; 150–175 ms in most runs after, with a 300 ms
 * outlier in about one run of four when a major GC of the million-record heap falls in a task):
 * no main-thread task a user would take for a hang.
 */
test.describe('1M synthetic records', () => {
  test.describe.configure({ timeout: 600_000 });
  test.skip(!process.env.AIO_PERF_1M, 'set AIO_PERF_1M=1 to load 1M records');

  test.beforeAll(() => {
    if (!existsSync(csvPath('1m'))) ensureCsv('1m');
  });

  test('load 1M records through the worker: every record shown, no task over 400 ms', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(pivot(page)).toBeVisible({ timeout: 15_000 });
    const t0 = await page.evaluate(() => performance.now());
    await page.getByTestId('ingest-file-input').setInputFiles(csvPath('1m'));
    await expect(
      page.getByRole('region', { name: 'Loaded result sets' }).getByRole('status'),
    ).toContainText('1000000 records', { timeout: 480_000 });
    await expect
      .poll(
        async () =>
          Number((await page.getByTestId('excluded-count').innerText()).replace(/\D/g, '')),
        { timeout: 120_000 },
      )
      .toBeGreaterThan(100_000);
    await page.waitForTimeout(3000);
    const loadMs = (await page.evaluate(() => performance.now())) - t0 - 3000;
    const tasks = await longTasks(page, t0);
    const worst = Math.max(0, ...tasks.map((t) => t.duration));
    const ssd = facet(page, 'SSD');
    const filterMs = await clickToRepaint(page, ssd, 'filter-1m');
    const note = `1M load ${loadMs.toFixed(0)} ms; ${tasks.length} long tasks, worst ${worst.toFixed(0)} ms; filter change ${filterMs.toFixed(0)} ms`;
    test.info().annotations.push({ type: 'perf', description: note });
    console.log(note);
    expect(worst, 'longest main-thread task while loading 1M (ms)').toBeLessThanOrEqual(400);
  });
});

/**
 * A set compared on the team server (issue 13.6, opt in with AIO_PERF_SERVER=1, ≈ 2 min): 1M
 * synthetic records (68k cells) uploaded to the e2e server's DuckDB store, opened by a link (over
 * 250k records: compared on the server, GET /api/cells), then a filter change and a threshold
 * change repaint from the one answer. Budget of the issue: a view change ≤ 1 s.
 */
test.describe('a 1M-record set compared on the server', () => {
  test.describe.configure({ timeout: 900_000 });
  test.skip(
    !process.env.AIO_PERF_SERVER,
    'set AIO_PERF_SERVER=1 to upload 1M records to the server',
  );

  test.beforeAll(() => {
    if (!existsSync(csvPath('1m'))) ensureCsv('1m');
  });

  test('a filter change and a threshold change each repaint ≤ 1 s', async ({ page }) => {
    const made = await page.request.post('/api/sets?name=synth-1m&file=synth-1m.csv', {
      data: readFileSync(csvPath('1m')),
      timeout: 600_000,
    });
    expect(made.status()).toBe(201);
    const { id } = (await made.json()) as { id: string };
    const t0 = Date.now();
    const cells = page.waitForResponse((r) => r.url().includes('/api/cells'), { timeout: 600_000 });
    await page.goto(`/?set=${id}&hide=zstack-2023q1&hide=bench-qemu-img-ext4-virtio`);
    await cells;
    await expect(page.getByTestId('server-pending')).toHaveCount(0, { timeout: 600_000 });
    await expect(pivot(page)).toBeVisible();
    const openMs = Date.now() - t0;

    const ssd = facet(page, 'SSD');
    await clickToRepaint(page, ssd, 'server-filter-warmup-on');
    await clickToRepaint(page, ssd, 'server-filter-warmup-off');
    const filter: number[] = [];
    for (let i = 0; i < 3; i++) {
      filter.push(await clickToRepaint(page, ssd, `server-filter-${i}-on`));
      filter.push(await clickToRepaint(page, ssd, `server-filter-${i}-off`));
    }
    const threshold: number[] = [];
    for (const value of ['2', '30', '3', '40', '5']) {
      const input = page.getByTestId('threshold');
      threshold.push(await inputToRepaint(page, input, value, `server-threshold-${value}`));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
    const note = `server set 1M (68k cells): open ${openMs} ms; filter median ${median(filter).toFixed(0)} ms (${filter.map((t) => t.toFixed(0)).join(', ')}); threshold median ${median(threshold).toFixed(0)} ms (${threshold.map((t) => t.toFixed(0)).join(', ')})`;
    test.info().annotations.push({ type: 'perf', description: note });
    console.log(note);
    expect(median(filter), 'filter change → repaint, server set (ms)').toBeLessThanOrEqual(1000);
    expect(median(threshold), 'threshold change → repaint, server set (ms)').toBeLessThanOrEqual(
      1000,
    );
  });
});
