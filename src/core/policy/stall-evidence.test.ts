/**
 * Measured stalls as evidence (issue 15.3): native's mean up 12 % while its p99.9 triples, on a
 * fallocated, a sparse and a fully written image. The records are CONSTRUCTED here (this
 * machine gave no allocation-specific stall: e2e/fixtures-data/tails/README.md).
 */
import { describe, expect, it } from 'vitest';
import { compare } from '../compare';
import { stallingCell } from '../compare/record.fixture';
import type { Prealloc } from '../model/record.types';
import { hostPreset } from './host-profile';
import { recommend } from './recommend';
import type { CellEnvironment } from './policy.types';

const CENTOS7 = hostPreset('centos7')!.profile;

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
  recommend(env(prealloc), CENTOS7, compare(stallingCell(prealloc, prewritten, 4)).cells);

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
