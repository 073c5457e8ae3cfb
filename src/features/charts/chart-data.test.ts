import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compare, pivot } from '../../core/compare';
import { ingestText } from '../../core/ingest/ingest';
import {
  deltaBars,
  groupedBars,
  hostPanels,
  littleLatencyUs,
  littleLine,
  logTicks,
  scatterPoints,
} from './chart-data';

const seed = (() => {
  const r = ingestText(readFileSync('data/zstack-2023q1.csv', 'utf8'), {
    fileName: 'zstack-2023q1.csv',
  });
  if (!r.ok) throw new Error(r.reason);
  return r.value.records;
})();
const comparison = compare(seed, {});

describe('chart data from the seed', () => {
  it("Little's law: the seed's SSD randwrite threads run sits on the QD-128 line", () => {
    // 31336 IOPS at iodepth 128: 128 / 31336 s = 4084.8 µs, measured 4083.38 µs.
    expect(littleLatencyUs(128, 31336)).toBeCloseTo(4084.8, 1);
    const line = littleLine(128, 100, 1e6, 4);
    expect(line[0]).toEqual({ iops: 100, lat: 1_280_000 });
    expect(line[4]!.iops).toBeCloseTo(1e6, 3);
  });

  it('scatter: measured records of both sides, the FC-SAN unit error among the flagged points', () => {
    const { points, depths } = scatterPoints(comparison);
    expect(depths).toEqual([128]);
    const fc = points.find((p) => p.record.origin === 'aio-plan-2023q1.md:435');
    expect(fc?.lat).toBe(743970);
    expect(fc?.flagged).toBe(true);
    expect(points.every((p) => p.record.restates === null)).toBe(true);
  });

  it('host baseline: native reaches 95 % of the SSD-iSCSI bare-metal 62k randwrite IOPS', () => {
    const hosts = seed.filter((r) => r.layer === 'host');
    const panels = hostPanels(comparison, hosts, 'iops');
    const iscsi = panels.find((p) => p.host.medium === 'SSD-iSCSI')!;
    expect(iscsi.value).toBe(62000);
    expect(iscsi.bars).toHaveLength(4); // 2 buses × pre-written or not, single-VM cells only
    expect(Math.round(iscsi.candidateRatio! * 100)).toBe(95);
    // IP-SAN's baseline has no number: no panel.
    expect(panels.map((p) => p.host.medium).sort()).toEqual(['FC-SAN', 'SSD-iSCSI']);
  });

  it('grouped bars: per storage × medium, by preallocation, for the fullest workload', () => {
    const { panels, workload } = groupedBars(comparison, ['rw', 'prewritten'], 'iops', [
      'randwrite',
      'false',
    ]);
    expect(workload).toEqual(['randwrite', 'false']);
    const ssd = panels.find((p) => p.values.join('/') === 'LocalStorage/SSD')!;
    const off = ssd.bars.find((b) => b.key.startsWith('off'))!;
    expect([off.baseline, off.candidate]).toEqual([31335.5, 36166]);
    expect(off.spreadBaseline).toEqual({ min: 31335, max: 31336 });
  });

  it('delta bars: sorted best first, cut to the largest N', () => {
    const p = pivot(comparison, {
      rows: ['storage', 'medium', 'prealloc'],
      cols: ['rw', 'prewritten'],
      metric: 'iops',
      value: 'delta',
    });
    const { items, total } = deltaBars(p, 'iops', 5, 5);
    expect(items).toHaveLength(5);
    expect(total).toBeGreaterThan(5);
    expect(items.map((i) => i.gain)).toEqual([...items.map((i) => i.gain)].sort((a, b) => b - a));
  });

  it('log ticks are 1-2-5 steps inside the domain', () => {
    expect(logTicks(300, 3000)).toEqual([500, 1000, 2000]);
    expect(logTicks(1, 1e9)).toEqual([1, 10, 100, 1000, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9]);
  });
});

describe('export text wrapping', () => {
  it('wraps words to the width, and Chinese between characters', async () => {
    const { wrapText } = await import('./export-chart');
    const w = (s: string) => s.length * 7;
    expect(wrapText('native reaches 95% of bare metal', 100, w)).toEqual([
      'native reaches',
      '95% of bare',
      'metal',
    ]);
    expect(wrapText('达到物理机的百分之九十五', 42, w)).toEqual(['达到物理机的', '百分之九十五']);
  });
});
