import { describe, expect, it } from 'vitest';
import { compare } from '../../core/compare';
import { run } from '../../core/compare/record.fixture';
import { makeI18n } from '../../shared/i18n/i18n';
import { groupedBars } from './chart-data';
import { bestBarSentence } from './grouped-summary';

const i18n = makeI18n('en');
const num = (s: string) => Number(s.replace(/,/g, '').replace('\u2212', '-'));

/**
 * Every "A → B (p%)" in a sentence must have p = B ÷ A − 1: a reader takes the percentage as the
 * step between the two numbers printed next to it.
 */
function arrowsAgree(sentence: string): boolean {
  const re = /([\d,.]+) IOPS → ([\d,.]+) IOPS \(([+\u2212±][\d.]+)%/g;
  let any = false;
  for (const m of sentence.matchAll(re)) {
    any = true;
    const step = 100 * (num(m[2]!) / num(m[1]!) - 1);
    if (Math.abs(step - num(m[3]!.replace('±', ''))) > 0.06) return false;
  }
  return any;
}

describe('grouped bars: the best bar’s sentence', () => {
  // One bar (prealloc off) over two comparison cells (two buses) with very different gains.
  const records = [
    run(10_000, 100, { bus: 'virtio-blk' }),
    run(30_000, 100, { bus: 'virtio-blk', aio: 'native' }), // +200%
    run(50_000, 100, { bus: 'virtio-scsi' }),
    run(40_000, 100, { bus: 'virtio-scsi', aio: 'native' }), // −20%
  ];
  const comparison = compare(records);
  const [panel] = groupedBars(comparison, ['rw'], 'iops', null).panels;
  const bar = panel!.bars[0]!;

  it('the bar is the case the issue saw: medians of medians beside a geometric-mean delta', () => {
    expect(bar.cells).toBe(2);
    expect(bar.baseline).toBe(30_000);
    expect(bar.candidate).toBe(35_000);
    // geo-mean of 3.0 and 0.8: +54.9%, while 30,000 → 35,000 is +16.7%.
    expect(bar.deltaPct).toBeCloseTo(100 * (Math.sqrt(3 * 0.8) - 1), 9);
  });

  it('says which number is which, so the arrow and its percentage agree', () => {
    const old = `off: ${i18n.fmt.exact(bar.baseline, 'iops')} → ${i18n.fmt.exact(bar.candidate, 'iops')} (${i18n.fmt.pct(bar.deltaPct)}).`;
    expect(arrowsAgree(old)).toBe(false); // the contradictory text of issue 11
    const text = bestBarSentence(i18n, 'off', bar, 'iops');
    expect(arrowsAgree(text)).toBe(true);
    expect(text).toContain('geometric mean of the 2 per-cell Δ +54.9%');
    expect(text).toContain('medians of 2 cells');
  });

  it('keeps the short form for a bar of one cell, where the numbers agree by construction', () => {
    const one = compare(records.slice(0, 2));
    const b = groupedBars(one, ['rw'], 'iops', null).panels[0]!.bars[0]!;
    const text = bestBarSentence(i18n, 'off', b, 'iops');
    expect(text).toBe('off: 10,000 IOPS → 30,000 IOPS (+200.0%).');
    expect(arrowsAgree(text)).toBe(true);
  });
});
