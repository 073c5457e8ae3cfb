/**
 * Measured stalls as evidence (issue 15.3): native's mean up 12 % while its p99.9 triples, on a
 * fallocated, a sparse and a fully written image. The records are CONSTRUCTED here (this
 * machine gave no allocation-specific stall: e2e/fixtures-data/tails/README.md).
 */
import { describe, expect, it } from 'vitest';
import { compare } from '../compare';
import { makeRecord } from '../compare/record.fixture';
import type { AioMode, Prealloc, ResultRecord } from '../model/record.types';
import type { Iops, Microseconds } from '../model/units';
import { hostPreset } from './host-profile';
import { recommend } from './recommend';
import type { CellEnvironment } from './policy.types';

const CENTOS7 = hostPreset('centos7')!.profile;

function stallRecords(prealloc: Prealloc, prewritten: boolean): ResultRecord[] {
  const runs: [AioMode, number, number][] = [
    ['threads', 10000, 2000],
    ['threads', 10050, 2100],
    ['threads', 9950, 1900],
    ['native', 11200, 6200],
    ['native', 11256, 6600],
    ['native', 11144, 5900],
  ];
  return runs.map(([aio, iops, p999], i) =>
    makeRecord({
      aio,
      prealloc,
      prewritten,
      rw: 'randwrite',
      run: `r${i % 3}`,
      iops: iops as Iops,
      lat_p999_us: p999 as Microseconds,
      lat_max_us: (p999 * 4) as Microseconds,
    }),
  );
}

const env = (prealloc: Prealloc): CellEnvironment => ({
  source: 'file',
  storage: 'LocalStorage',
  fs: 'xfs',
  format: 'qcow2',
  prealloc,
  cache: 'none',
  medium: 'SSD',
  bus: 'virtio-blk',
  iothread: false,
});

const decide = (prealloc: Prealloc, prewritten: boolean) =>
  recommend(env(prealloc), CENTOS7, compare(stallRecords(prealloc, prewritten)).cells);

describe('measured stalls of native', () => {
  it('fallocated image: the faster-on-average native is not recommended, with the H-rule sources', () => {
    const d = decide('falloc', false);
    expect(d.recommendation).toBe('threads');
    const r = d.reasons.find((x) => x.ruleId === 'E-tail-stalls')!;
    expect(r.citations).toEqual(['kubevirt-ionative-doc', 'nova-spec']);
    expect(r.text.en).toContain('p99.9 ×3.1 (IOPS +12.0% vs threads)');
    expect(r.text.en).toContain('threads is recommended instead');
    expect(r.text.zh).toContain('改为推荐 threads');
    expect(d.evidence?.stalls).toEqual([
      { key: expect.any(String), other: 'threads', text: 'p99.9 ×3.1 (IOPS +12.0% vs threads)' },
    ]);
    expect(d.sources.map((s) => s.id)).toContain('kubevirt-ionative-doc');
  });

  it('sparse image: native is excluded by the rules already; the stall is one more reason', () => {
    const d = decide('off', false);
    expect(d.recommendation).not.toBe('native');
    expect(d.reasons.find((x) => x.ruleId === 'E-tail-stalls')!.text.en).toContain(
      'One more reason not to use native here',
    );
  });

  it('fully written image: the same numbers are not taken as an allocation stall', () => {
    const d = decide('full', true);
    expect(d.reasons.some((x) => x.ruleId === 'E-tail-stalls')).toBe(false);
    expect(d.evidence?.stalls).toBeUndefined();
    expect(d.recommendation).toBe('native');
  });
});
