/* eslint-disable no-restricted-imports -- tests run in Node and read the research copy and the seed data from disk */
/**
 * Evidence: how measured comparisons move a decision — on fixtures built with the real
 * comparison engine, and on the seed data (data/zstack-2023q1.csv) with the seed's own numbers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compare } from '../compare';
import { makeRecord } from '../compare/record.fixture';
import { ingestText } from '../ingest/ingest';
import type { AioMode, ResultRecord } from '../model/record.types';
import { asIops } from '../model/units';
import { hostPreset } from './host-profile';
import { recommend, recommendWith } from './recommend';
import { buildMatrix, envFromCell, evaluateComparisons, hintOf } from './evaluate';
import type { CellEnvironment, PolicyDecision } from './policy.types';

const CENTOS7 = hostPreset('centos7')!.profile;
const DEBIAN12 = hostPreset('debian12')!.profile;
const RHEL9 = hostPreset('rhel9')!.profile;

/** Records of one cell: per mode, IOPS of its runs (one workload per entry of `rws`). */
function cellRecords(
  over: Partial<ResultRecord>,
  modes: Partial<Record<AioMode, number[]>>,
  rws: ResultRecord['rw'][] = ['randwrite'],
): ResultRecord[] {
  const out: ResultRecord[] = [];
  for (const rw of rws)
    for (const [aio, runs] of Object.entries(modes))
      runs.forEach((iops, i) =>
        out.push(
          makeRecord({
            ...over,
            rw,
            aio: aio as AioMode,
            run: `r${i + 1}`,
            iops: asIops(iops),
            prewritten: true,
          }),
        ),
      );
  return out;
}
const along = (
  records: ResultRecord[],
  baseline: AioMode,
  candidate: AioMode,
  excludeFlagged = true,
) => compare(records, { baseline, candidate, excludeFlagged }).cells;
const envOf = (r: Partial<ResultRecord>): CellEnvironment => ({
  source: r.source ?? 'file',
  storage: r.storage ?? 'LocalStorage',
  fs: r.fs === undefined ? 'xfs' : r.fs,
  format: r.format ?? 'qcow2',
  prealloc: r.prealloc ?? 'off',
  cache: r.cache ?? 'none',
  medium: r.medium ?? 'SSD',
  bus: r.bus ?? 'virtio-blk',
  iothread: r.iothread ?? false,
});

describe('evidence on fixtures', () => {
  it('picks the measured winner among acceptable modes (full file on 6.1: io_uring beats native)', () => {
    const over = { prealloc: 'full' as const };
    const recs = cellRecords(
      over,
      { native: [100_000, 101_000, 99_000], io_uring: [112_000, 111_000, 113_000] },
      ['randwrite', 'randread'],
    );
    const ev = along(recs, 'native', 'io_uring');
    expect(ev.map((c) => c.verdict)).toEqual(['improvement', 'improvement']);
    const plain = recommend(envOf(over), DEBIAN12);
    const d = recommend(envOf(over), DEBIAN12, ev);
    expect(plain.recommendation).toBe('native');
    expect(d.recommendation).toBe('io_uring');
    expect(d.evidence).toMatchObject({ used: 2, changedByEvidence: true, confidenceShift: 0 });
    expect(d.acceptable[0]).toBe('io_uring');
    expect(d.libvirtXml).toContain("io='io_uring'");
    expect(d.reasons.map((r) => r.ruleId)).toContain('E-winner');
    // On CentOS 7 io_uring is not acceptable: the same evidence cannot pick it.
    const c7 = recommend(envOf(over), CENTOS7, ev);
    expect(c7.recommendation).toBe('native');
    expect(c7.reasons.find((r) => r.ruleId === 'E-excluded-faster')!.text.en).toContain(
      'cannot be used on this host',
    );
  });

  it('consistent support raises confidence one step (falloc stays capped at medium)', () => {
    const lun = {
      source: 'block' as const,
      storage: 'LUN',
      fs: null,
      format: 'raw' as const,
      prealloc: 'n/a' as const,
    };
    const ev = along(
      cellRecords(lun, { threads: [50_000, 50_500], native: [60_000, 60_400] }, [
        'randwrite',
        'randread',
      ]),
      'threads',
      'native',
    );
    const sb = { ...lun, storage: 'SharedBlock', format: 'qcow2' as const };
    const evSb = along(
      cellRecords(sb, { threads: [50_000, 50_500], native: [60_000, 60_400] }, [
        'randwrite',
        'randread',
      ]),
      'threads',
      'native',
    );
    expect(recommend(envOf(sb), CENTOS7).confidence).toBe('medium');
    expect(recommend(envOf(sb), CENTOS7, evSb)).toMatchObject({
      recommendation: 'native',
      confidence: 'high',
      evidence: { confidenceShift: 1 },
    });
    expect(recommend(envOf(lun), CENTOS7, ev).confidence).toBe('high');
    const falloc = { prealloc: 'falloc' as const };
    const evF = along(
      cellRecords(falloc, { threads: [50_000, 50_500], native: [60_000, 60_400] }, [
        'randwrite',
        'randread',
      ]),
      'threads',
      'native',
    );
    expect(recommend(envOf(falloc), CENTOS7, evF).confidence).toBe('medium');
  });

  it('never rests on a flagged record: comparisons that used one are left out', () => {
    const over = {
      storage: 'SharedBlock',
      source: 'block' as const,
      fs: null,
      prealloc: 'n/a' as const,
    };
    const recs = cellRecords(over, { threads: [50_000], native: [30_000] });
    for (const r of recs) r.flags = ['unit-suspect'];
    const included = along(recs, 'threads', 'native', false);
    expect(included[0]!.verdict).toBe('regression');
    const d = recommend(envOf(over), CENTOS7, included);
    expect(d.evidence).toMatchObject({ used: 0, skippedFlagged: 1 });
    expect(d.confidence).toBe(recommend(envOf(over), CENTOS7).confidence);
    expect(d.reasons.map((r) => r.ruleId)).toContain('E-flagged');
    // With the engine excluding them, the side is empty: also counted as flagged, not as evidence.
    const excluded = along(recs, 'threads', 'native', true);
    expect(recommend(envOf(over), CENTOS7, excluded).evidence).toMatchObject({
      used: 0,
      skippedFlagged: 1,
    });
  });

  it('native measured with a buffered cache is an invalid configuration and is left out', () => {
    const over = { cache: 'writeback' as const, prealloc: 'full' as const };
    const ev = along(
      cellRecords(over, { threads: [40_000, 40_100], native: [55_000, 55_300] }),
      'threads',
      'native',
    );
    const d = recommend(envOf(over), CENTOS7, ev);
    expect(d.recommendation).toBe('threads');
    expect(d.evidence).toMatchObject({ used: 0, skippedInvalid: 1 });
    expect(d.reasons.find((r) => r.ruleId === 'E-invalid-native')!.text.en).toContain(
      'cache=writeback',
    );
  });

  it('a faster native on a sparse file does not overturn threads and says how to get the speed safely', () => {
    const ev = along(cellRecords({}, { threads: [31_336], native: [36_213] }), 'threads', 'native');
    const d = recommend(envOf({}), CENTOS7, ev);
    expect([d.recommendation, d.confidence]).toEqual(['threads', 'high']);
    expect(d.reasons.find((r) => r.ruleId === 'E-excluded-faster')!.text.en).toContain(
      'preallocate the disk (full)',
    );
    expect(d.reasons.find((r) => r.ruleId === 'E-measured')!.text.en).toBe(
      'Measured here, native vs threads: 1 faster, 0 same, 0 slower (+15.6%); single runs, no repeats.',
    );
  });

  it('mixed evidence lowers confidence; first-write regressions of native become a risk', () => {
    const sb = {
      storage: 'SharedBlock',
      source: 'block' as const,
      fs: null,
      prealloc: 'n/a' as const,
      medium: 'FC-SAN',
    };
    const recs = [
      ...cellRecords(sb, { threads: [4045], native: [5184] }),
      ...cellRecords({ ...sb, prewritten: false }, { threads: [1579], native: [916] }).map((r) => ({
        ...r,
        prewritten: false,
      })),
    ];
    const d = recommend(envOf(sb), CENTOS7, along(recs, 'threads', 'native'));
    expect([d.recommendation, d.confidence]).toEqual(['native', 'low']);
    expect(d.evidence?.confidenceShift).toBe(-1);
    expect(d.risks.find((r) => r.ruleId === 'E-first-write')!.text.en).toContain('−42.0%');
  });

  it('HDD with no difference anywhere is said plainly', () => {
    const hdd = { medium: 'HDD', prealloc: 'falloc' as const };
    const ev = along(
      cellRecords(hdd, { threads: [389, 390], native: [386, 388] }, ['randwrite', 'randread']),
      'threads',
      'native',
    );
    const d = recommend(envOf(hdd), CENTOS7, ev);
    expect(d.reasons.find((r) => r.ruleId === 'E-hdd-same')!.text.en).toBe(
      'HDD: no difference between the modes in all 2 usable comparison(s) here. The choice does not matter for speed on this medium.',
    );
    expect(d.evidence?.confidenceShift).toBe(0);
  });
});

// ── The seed data ────────────────────────────────────────────────────────────────────────────
const SEED = join(__dirname, '..', '..', '..', 'data', 'zstack-2023q1.csv');
const ingested = ingestText(readFileSync(SEED, 'utf8'), { fileName: 'zstack-2023q1.csv' });
if (!ingested.ok) throw new Error(ingested.reason);
const seed = ingested.value.records;
const seedCmp = compare(seed);

const row = (host = CENTOS7) => {
  const m = buildMatrix(seed, seedCmp.cells, host);
  return (storage: string, medium: string, prealloc: string) =>
    m.find((r) => r.storage === storage && r.medium === medium && r.prealloc === prealloc)!;
};

describe('the seed’s cells', () => {
  it('SharedBlock → native, the seed team’s own reading; SSD-iSCSI evidence raises it to high', () => {
    const at = row();
    const d = at('SharedBlock', 'SSD-iSCSI', 'n/a').decision;
    expect([d.recommendation, d.confidence, d.contested]).toEqual(['native', 'high', true]);
    expect(d.evidence).toMatchObject({ used: 10, skippedFlagged: 0, confidenceShift: 1 });
    expect(d.sources.map((s) => s.id)).toEqual(
      expect.arrayContaining(['vdsm-driver-xml', 'zstack-sharedblock']),
    );
    // The seed's numbers: +7.6% randwrite (virtio-blk), +14.0% randread (virtio-scsi), not pre-written.
    expect(d.reasons.find((r) => r.ruleId === 'E-measured')!.text.en).toContain('+14.0%)');
    expect(d.libvirtXml).toBe("<driver name='qemu' type='qcow2' cache='none' io='native'/>");
  });

  it('SharedBlock FC-SAN: native, but low — first writes measured 42% and 25% slower with native', () => {
    const d = row()('SharedBlock', 'FC-SAN', 'n/a').decision;
    expect([d.recommendation, d.confidence]).toEqual(['native', 'low']);
    expect(d.risks.find((r) => r.ruleId === 'E-first-write')!.text.en).toContain(
      '(−42.0%, −25.1%)',
    );
    // The unit-suspect / sparse-read rows are not evidence.
    expect(d.evidence?.skippedFlagged).toBe(2);
  });

  it('LocalStorage prealloc none on kernel 3.10 → threads, with sources; the +16% of native is reported, not followed', () => {
    const d = row()('LocalStorage', 'SSD', 'off').decision;
    expect([d.recommendation, d.confidence]).toEqual(['threads', 'high']);
    expect(d.sources.map((s) => s.id)).toEqual(
      expect.arrayContaining(['nova-spec', 'kubevirt-ionative-doc', 'lwn-io-uring']),
    );
    expect(d.reasons.map((r) => r.ruleId)).toEqual(
      expect.arrayContaining(['L7-file-sparse', 'H2-io-uring-versions', 'E-excluded-faster']),
    );
    expect(d.risks[0]!.text.en).toContain('native on a sparse file can stall the VM');
  });

  it('the same cell with a 6.1 kernel → io_uring; on RHEL 9 → threads', () => {
    expect(row(DEBIAN12)('LocalStorage', 'SSD', 'off').decision.recommendation).toBe('io_uring');
    expect(row(RHEL9)('LocalStorage', 'SSD', 'off').decision.recommendation).toBe('threads');
  });

  it('LocalStorage falloc → native with the falloc caveat, medium', () => {
    for (const medium of ['SSD', 'NVMe']) {
      const d = row()('LocalStorage', medium, 'falloc').decision;
      expect([d.recommendation, d.confidence]).toEqual(['native', 'medium']);
      expect(d.risks.map((r) => r.ruleId)).toContain('R-falloc-caveat');
    }
  });

  it('HDD cells say plainly that HDD shows no difference', () => {
    const d = row()('LocalStorage', 'HDD', 'falloc').decision;
    expect(d.reasons.find((r) => r.ruleId === 'M-hdd')!.text.en).toContain('no difference');
  });

  it('matrix: one row per storage × medium × prealloc, blank SharedBlock rows as coverage gaps', () => {
    const m = buildMatrix(seed, seedCmp.cells, CENTOS7);
    expect(m.map((r) => `${r.storage}/${r.medium}/${r.prealloc}`)).toEqual([
      'LocalStorage/HDD/falloc',
      'LocalStorage/HDD/off',
      'LocalStorage/NVMe/falloc',
      'LocalStorage/NVMe/off',
      'LocalStorage/SSD/falloc',
      'LocalStorage/SSD/off',
      'SharedBlock/FC-SAN/n/a',
      'SharedBlock/HDD/n/a',
      'SharedBlock/IP-SAN/n/a',
      'SharedBlock/NVMe/n/a',
      'SharedBlock/SSD-iSCSI/n/a',
    ]);
    expect(m.filter((r) => r.gap).map((r) => r.medium)).toEqual(['HDD', 'IP-SAN', 'NVMe']);
    const sb = m.find((r) => r.medium === 'SSD-iSCSI')!;
    expect(sb.records).toBe(48);
    expect(m.reduce((n, r) => n + r.records, 0)).toBe(
      seed.filter((r) => r.layer !== 'host').length,
    );
    for (const r of m) expect(r.singleRun).toBeLessThanOrEqual(r.comparisons.length);
  });
});

describe('batch evaluation', () => {
  it('groups cells by policy environment; each group decision equals recommend() on it', () => {
    const { groups, groupOf } = evaluateComparisons(seedCmp, CENTOS7);
    expect(groupOf.length).toBe(seedCmp.cells.length);
    seedCmp.cells.forEach((c, i) => expect(groups[groupOf[i]!]!.comparisons).toContain(c));
    expect(groups.reduce((n, g) => n + g.comparisons.length, 0)).toBe(seedCmp.cells.length);
    for (const g of groups) {
      for (const c of g.comparisons) expect(envFromCell(c.cell)).toEqual(g.env);
      const plain = recommend(g.env, CENTOS7, g.comparisons);
      expect(g.decision.recommendation).toBe(plain.recommendation);
      expect(g.decision.confidence).toBe(plain.confidence);
      expect(g.decision.evidence).toEqual(plain.evidence);
    }
  });

  it('cells alone (no spec) give the same decisions as the whole comparison', () => {
    const a = evaluateComparisons(seedCmp, CENTOS7).groups.map((g) => [
      g.decision.recommendation,
      g.decision.confidence,
    ]);
    const b = evaluateComparisons(seedCmp.cells, CENTOS7).groups.map((g) => [
      g.decision.recommendation,
      g.decision.confidence,
    ]);
    expect(b).toEqual(a);
  });

  it('the hint is only for aio comparisons', () => {
    expect(hintOf(seedCmp)).toEqual({
      baseline: 'threads',
      candidate: 'native',
      excludeFlagged: true,
    });
    expect(
      hintOf(compare(seed, { axis: 'bus', baseline: 'virtio-blk', candidate: 'virtio-scsi' })),
    ).toBeUndefined();
  });

  it('recommendWith(hint) equals recommend() per seed group', () => {
    const hint = hintOf(seedCmp)!;
    for (const g of evaluateComparisons(seedCmp.cells, DEBIAN12).groups) {
      const a: PolicyDecision = recommend(g.env, DEBIAN12, g.comparisons);
      const b = recommendWith(g.env, DEBIAN12, g.comparisons, hint);
      expect(b.evidence).toEqual(a.evidence);
      expect(b.reasons).toEqual(a.reasons);
    }
  });
});
