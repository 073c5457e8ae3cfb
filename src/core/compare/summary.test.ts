import { describe, expect, it } from 'vitest';
import { compare } from './pair';
import { summarize } from './summary';
import { run } from './record.fixture';

describe('summarize', () => {
  const recs = [
    run(100, 1000, { medium: 'SSD', rw: 'randread' }),
    run(125, 800, { medium: 'SSD', rw: 'randread', aio: 'native' }),
    run(100, 1000, { medium: 'SSD', rw: 'randwrite' }),
    run(80, 1250, { medium: 'SSD', rw: 'randwrite', aio: 'native' }),
    run(100, 1000, { medium: 'NVMe', rw: 'randread' }),
    run(200, 500, { medium: 'NVMe', rw: 'randread', aio: 'native' }),
  ];
  const c = compare(recs);

  it('geometric mean of candidate/baseline ratios per group, verdict counts, best and worst', () => {
    const [nvme, ssd] = summarize(c, ['medium']);
    expect(nvme!.group).toEqual({ medium: 'NVMe' });
    expect(nvme!.geoMeanPct).toBeCloseTo(100, 9);
    expect(ssd!.geoMeanPct).toBeCloseTo(0, 9); // 1.25 × 0.8 = 1
    expect(ssd!.byVerdict).toMatchObject({ improvement: 1, regression: 1 });
    expect(ssd!.best!.cell.rw).toBe('randread');
    expect(ssd!.worst!.cell.rw).toBe('randwrite');
  });

  it('latency keeps the delta sign convention (negative = better) and says so', () => {
    const [all] = summarize(c, [], 'lat_mean_us');
    // ratios 0.8, 1.25, 0.5 → geo-mean ∛0.5 = 0.794 → −20.6 %
    expect(all!.geoMeanPct).toBeCloseTo(100 * (Math.cbrt(0.8 * 1.25 * 0.5) - 1), 9);
    expect(all!.lowerIsBetter).toBe(true);
    expect(all!.text).toMatch(
      /^latency geo-mean −20\.6% over 3 cells \(lower is better\) → candidate better/,
    );
    expect(all!.best!.cell.medium).toBe('NVMe'); // −50 % latency is the best
    expect(all!.worst!.cell.rw).toBe('randwrite');
  });
});
