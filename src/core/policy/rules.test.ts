/**
 * One test per rule (it fires where it should and not elsewhere) and the research's edge cases.
 * Decisions here have no evidence: they are the rules alone.
 */
import { describe, expect, it } from 'vitest';
import { RULES } from './rules';
import { recommend } from './recommend';
import { hostPreset } from './host-profile';
import type { CellEnvironment, HostProfile, PolicyDecision } from './policy.types';

const host = (id: string, over: Partial<HostProfile> = {}): HostProfile => ({
  ...hostPreset(id)!.profile,
  ...over,
});
const CENTOS7 = host('centos7');
const DEBIAN12 = host('debian12');
const RHEL9 = host('rhel9');

const env = (over: Partial<CellEnvironment>): CellEnvironment => ({
  source: 'file',
  storage: 'LocalStorage',
  fs: 'xfs',
  format: 'qcow2',
  prealloc: 'off',
  cache: 'none',
  medium: 'SSD',
  bus: 'virtio-blk',
  iothread: false,
  ...over,
});
const LOCAL_OFF = env({});
const LOCAL_FULL = env({ prealloc: 'full' });
const LOCAL_FALLOC = env({ prealloc: 'falloc' });
const LOCAL_META = env({ prealloc: 'metadata' });
const SHAREDBLOCK = env({
  source: 'block',
  storage: 'SharedBlock',
  fs: null,
  prealloc: 'n/a',
  medium: 'SSD-iSCSI',
});
const RAW_LUN = env({
  source: 'block',
  storage: 'FC-LUN',
  fs: null,
  format: 'raw',
  prealloc: 'n/a',
  medium: 'FC-SAN',
});
const THIN = env({
  source: 'block',
  storage: 'LVM-thin',
  fs: null,
  format: 'raw',
  prealloc: 'n/a',
});
const LIBRBD = env({
  source: 'network',
  storage: 'Ceph',
  fs: null,
  format: 'raw',
  prealloc: null,
  protocol: 'rbd',
});
const KRBD = env({
  source: 'block',
  storage: 'krbd',
  fs: null,
  format: 'raw',
  prealloc: null,
  protocol: 'rbd',
});
const NFS_OFF = env({ storage: 'NFS', fs: 'nfs' });
const NFS_FULL = env({ storage: 'NFS', fs: 'nfs', prealloc: 'full' });
const CIFS_FULL = env({ storage: 'CIFS', fs: 'cifs', prealloc: 'full' });
const CIFS_OFF = env({ storage: 'CIFS', fs: 'cifs' });
const GLUSTER = env({ storage: 'GlusterFS', fs: 'glusterfs', prealloc: 'full' });
const UNKNOWN = env({ source: null, storage: 'Mystery', fs: null });

const fired = (d: PolicyDecision) => d.rules ?? [];
const riskIds = (d: PolicyDecision) => d.risks.map((r) => r.ruleId);
const reasonIds = (d: PolicyDecision) => d.reasons.map((r) => r.ruleId);

/** For each rule: an environment and host where it fires, and one where it does not. */
const CASES: Record<
  string,
  { fires: [CellEnvironment, HostProfile]; not: [CellEnvironment, HostProfile] }
> = {
  'H3-network-protocol': { fires: [LIBRBD, DEBIAN12], not: [KRBD, DEBIAN12] },
  'H1-native-needs-odirect': {
    fires: [env({ cache: 'writeback' }), DEBIAN12],
    not: [env({ cache: 'directsync' }), DEBIAN12],
  },
  'H2-io-uring-versions': { fires: [LOCAL_OFF, CENTOS7], not: [LOCAL_OFF, RHEL9] },
  'H2-io-uring-disabled': { fires: [LOCAL_OFF, RHEL9], not: [LOCAL_OFF, CENTOS7] },
  'H5-kubevirt-no-io-uring': {
    fires: [LOCAL_OFF, host('debian12', { platform: 'kubevirt' })],
    not: [LOCAL_OFF, host('debian12', { platform: 'nova' })],
  },
  'L2-block-raw': { fires: [RAW_LUN, CENTOS7], not: [SHAREDBLOCK, CENTOS7] },
  'L4-block-thin': { fires: [THIN, CENTOS7], not: [RAW_LUN, CENTOS7] },
  'L5-qcow2-on-lvm': { fires: [SHAREDBLOCK, CENTOS7], not: [RAW_LUN, CENTOS7] },
  'L6-file-full': { fires: [LOCAL_FULL, CENTOS7], not: [LOCAL_FALLOC, CENTOS7] },
  'L6-file-falloc': { fires: [LOCAL_FALLOC, CENTOS7], not: [LOCAL_FULL, CENTOS7] },
  'L7-file-sparse-metadata': { fires: [LOCAL_META, CENTOS7], not: [LOCAL_OFF, CENTOS7] },
  'L7-file-sparse': { fires: [LOCAL_OFF, CENTOS7], not: [LOCAL_META, CENTOS7] },
  'L9-nfs-preallocated': { fires: [NFS_FULL, CENTOS7], not: [NFS_OFF, CENTOS7] },
  'L9-nfs-sparse': { fires: [NFS_OFF, CENTOS7], not: [NFS_FULL, CENTOS7] },
  'L10-cifs': { fires: [CIFS_FULL, CENTOS7], not: [CIFS_OFF, CENTOS7] },
  'L10-cifs-sparse': { fires: [CIFS_OFF, CENTOS7], not: [CIFS_FULL, CENTOS7] },
  'L11-gluster': { fires: [GLUSTER, CENTOS7], not: [NFS_FULL, CENTOS7] },
  'L0-unknown': { fires: [UNKNOWN, CENTOS7], not: [LOCAL_OFF, CENTOS7] },
  'A-io-uring-lvm': { fires: [SHAREDBLOCK, DEBIAN12], not: [RAW_LUN, DEBIAN12] },
  'A-io-uring-krbd-buffered': {
    fires: [{ ...KRBD, cache: 'writeback' }, DEBIAN12],
    not: [KRBD, DEBIAN12],
  },
  'A-io-uring-cifs': { fires: [CIFS_FULL, DEBIAN12], not: [NFS_FULL, DEBIAN12] },
  'W-native-sparse': { fires: [LOCAL_OFF, CENTOS7], not: [LOCAL_FULL, CENTOS7] },
  'W-native-sparse-no-iothread': {
    fires: [LOCAL_OFF, CENTOS7],
    not: [{ ...LOCAL_OFF, iothread: true }, CENTOS7],
  },
  'W-native-thin': { fires: [THIN, CENTOS7], not: [RAW_LUN, CENTOS7] },
  'W-native-gluster': { fires: [GLUSTER, CENTOS7], not: [CIFS_FULL, CENTOS7] },
  'R-falloc-caveat': { fires: [LOCAL_FALLOC, CENTOS7], not: [LOCAL_FULL, CENTOS7] },
  'R-native-queue-depth': { fires: [RAW_LUN, CENTOS7], not: [LOCAL_OFF, CENTOS7] },
  'R-qemu-warn-only': { fires: [RAW_LUN, RHEL9], not: [RAW_LUN, DEBIAN12] },
  'M-hdd': { fires: [{ ...LOCAL_OFF, medium: 'HDD' }, CENTOS7], not: [LOCAL_OFF, CENTOS7] },
  'M-parity': { fires: [LOCAL_FULL, DEBIAN12], not: [LOCAL_FULL, CENTOS7] },
  'M-buffered-io-uring': {
    fires: [env({ cache: 'writeback' }), DEBIAN12],
    not: [env({ cache: 'writeback' }), CENTOS7],
  },
  'M-iothread': { fires: [LOCAL_OFF, CENTOS7], not: [{ ...LOCAL_OFF, iothread: true }, CENTOS7] },
};

describe('every rule fires where it should and not elsewhere', () => {
  it('has a case for every rule', () => {
    expect(Object.keys(CASES).sort()).toEqual(RULES.map((r) => r.id).sort());
  });
  it.each(RULES.map((r) => [r.id] as const))('%s', (id) => {
    const c = CASES[id]!;
    const yes = recommend(...c.fires);
    const no = recommend(...c.not);
    // Mode risks (R-*) appear in the risks only when that mode is recommended.
    const shows = (d: PolicyDecision) =>
      fired(d).includes(id) && (id.startsWith('R-') ? riskIds(d).includes(id) : true);
    expect(shows(yes), `${id} should fire`).toBe(true);
    expect(shows(no), `${id} should not fire`).toBe(false);
  });
});

describe('hard rules', () => {
  it('native with writeback cache is never acceptable (H1): io_uring where available, else threads', () => {
    const wb = env({
      source: 'block',
      storage: 'LUN',
      fs: null,
      format: 'raw',
      cache: 'writeback',
      prealloc: 'n/a',
    });
    const d6 = recommend(wb, DEBIAN12);
    expect(d6.recommendation).toBe('io_uring');
    expect(d6.acceptable).not.toContain('native');
    const d3 = recommend(wb, CENTOS7);
    expect(d3.recommendation).toBe('threads');
    expect(d3.acceptable).toEqual(['threads']);
    expect(d3.reasons.find((r) => r.ruleId === 'H1-native-needs-odirect')!.text.en).toContain(
      'cache=writeback',
    );
    expect(d3.sources.map((s) => s.id)).toEqual(
      expect.arrayContaining(['qemu-file-posix', 'qemu-2.6-error', 'nova-cache-interlock']),
    );
    expect(d3.libvirtXml).toBe("<driver name='qemu' type='raw' cache='writeback' io='threads'/>");
  });

  it('RHEL 9 (5.14, io_uring disabled): a sparse file gets threads although the kernel is new enough', () => {
    const d = recommend(LOCAL_OFF, RHEL9);
    expect(d.recommendation).toBe('threads');
    expect(reasonIds(d)).toContain('H2-io-uring-disabled');
    expect(reasonIds(d)).not.toContain('H2-io-uring-versions');
    expect(d.sources.map((s) => s.id)).toContain('rhel9-io-uring-off');
    // Switching io_uring back on makes it the choice.
    expect(recommend(LOCAL_OFF, { ...RHEL9, ioUringDisabled: false }).recommendation).toBe(
      'io_uring',
    );
  });

  it('QEMU 4.2 on a 6.1 kernel: io_uring unavailable, and the reason names QEMU', () => {
    const d = recommend(LOCAL_OFF, { ...DEBIAN12, qemu: '4.2', preset: null });
    expect(d.recommendation).toBe('threads');
    const h2 = d.reasons.find((r) => r.ruleId === 'H2-io-uring-versions')!;
    expect(h2.text.en).toContain('(QEMU 4.2 < 5.0)');
    expect(h2.text.zh).toContain('QEMU 4.2 < 5.0');
  });

  it('libvirt 6.0 blocks io_uring even with QEMU 5.0 and kernel 5.4', () => {
    const d = recommend(LOCAL_OFF, { ...DEBIAN12, kernel: '5.4', qemu: '5.0', libvirt: '6.0' });
    expect(d.recommendation).toBe('threads');
    expect(d.reasons.find((r) => r.ruleId === 'H2-io-uring-versions')!.text.en).toContain(
      'libvirt 6.0 < 6.3',
    );
  });

  it('librbd: n/a, no io attribute, and the reason says why', () => {
    const d = recommend(LIBRBD, DEBIAN12);
    expect(d.recommendation).toBe('n/a');
    expect(d.confidence).toBe('high');
    expect(d.libvirtXml).toBe("<driver name='qemu' type='raw' cache='none'/>");
    expect(d.reasons[0]!.text.en).toContain('(rbd)');
    expect(d.sources.map((s) => s.id)).toEqual([
      'nova-spec-network',
      'nova-bcf246f',
      'ovirt-engine-native-io',
    ]);
  });

  it('a KubeVirt platform never gets io_uring (its webhook refuses it)', () => {
    expect(recommend(LOCAL_OFF, host('debian12', { platform: 'kubevirt' })).recommendation).toBe(
      'threads',
    );
    expect(recommend(LOCAL_OFF, DEBIAN12).recommendation).toBe('io_uring');
  });
});

describe('layout rules (research §8.2)', () => {
  it('qcow2 on shared LVM (SharedBlock) → native, contested, io_uring avoided on an io_uring host', () => {
    for (const h of [CENTOS7, DEBIAN12, RHEL9]) {
      const d = recommend(SHAREDBLOCK, h);
      expect(d.recommendation).toBe('native');
      expect(d.contested).toBe(true);
      expect(d.acceptable).not.toContain('io_uring');
    }
    const d = recommend(SHAREDBLOCK, DEBIAN12);
    expect(riskIds(d)).toContain('A-io-uring-lvm');
    expect(d.libvirtXml).toBe("<driver name='qemu' type='qcow2' cache='none' io='native'/>");
  });

  it('SharedBlock without a format still counts as qcow2 on LVM', () => {
    expect(recommend({ ...SHAREDBLOCK, format: null, source: null }, CENTOS7).layout).toBe(
      'block-qcow2-lvm',
    );
  });

  it('raw block device → native, high; io_uring acceptable where available', () => {
    const d = recommend(RAW_LUN, DEBIAN12);
    expect([d.recommendation, d.confidence]).toEqual(['native', 'high']);
    expect(d.acceptable).toEqual(['native', 'io_uring', 'threads']);
    expect(reasonIds(d)).toContain('M-parity');
  });

  it('metadata preallocation is sparse: threads (io_uring where available), contested, native not acceptable', () => {
    const d = recommend(LOCAL_META, CENTOS7);
    expect(d.recommendation).toBe('threads');
    expect(d.contested).toBe(true);
    expect(d.acceptable).not.toContain('native');
    expect(riskIds(d)).toContain('W-native-sparse');
    expect(recommend(LOCAL_META, DEBIAN12).recommendation).toBe('io_uring');
  });

  it('falloc → native with its caveat, never above medium confidence', () => {
    const d = recommend(LOCAL_FALLOC, CENTOS7);
    expect([d.recommendation, d.confidence]).toEqual(['native', 'medium']);
    const caveat = d.risks.find((r) => r.ruleId === 'R-falloc-caveat')!;
    expect(caveat.text.en).toContain('prefer full');
    expect(caveat.citations).toContain('zstack-2023q1');
  });

  it('full → native, high', () => {
    expect([
      recommend(LOCAL_FULL, CENTOS7).recommendation,
      recommend(LOCAL_FULL, CENTOS7).confidence,
    ]).toEqual(['native', 'high']);
  });

  it('thin block → threads on 3.10, io_uring on 6.1; native acceptable but warned', () => {
    expect(recommend(THIN, CENTOS7).recommendation).toBe('threads');
    const d = recommend(THIN, DEBIAN12);
    expect(d.recommendation).toBe('io_uring');
    expect(d.acceptable).toContain('native');
    expect(riskIds(d)).toContain('W-native-thin');
  });

  it('NFS is contested: preallocated → native without io_uring, io_uring with it; sparse → threads', () => {
    expect(recommend(NFS_FULL, CENTOS7).recommendation).toBe('native');
    expect(recommend(NFS_FULL, DEBIAN12).recommendation).toBe('io_uring');
    expect(recommend(NFS_OFF, CENTOS7).recommendation).toBe('threads');
    expect(recommend(NFS_OFF, DEBIAN12).contested).toBe(true);
  });

  it('CIFS never gets io_uring; GlusterFS gets threads and is contested', () => {
    expect(recommend(CIFS_FULL, DEBIAN12).recommendation).toBe('native');
    expect(recommend(CIFS_FULL, DEBIAN12).acceptable).not.toContain('io_uring');
    expect(recommend(CIFS_OFF, DEBIAN12).recommendation).toBe('threads');
    const g = recommend(GLUSTER, DEBIAN12);
    expect([g.recommendation, g.contested]).toEqual(['threads', true]);
    expect(g.acceptable).toEqual(['threads', 'io_uring']);
  });

  it('unknown layout → QEMU default threads, low confidence', () => {
    const d = recommend(UNKNOWN, DEBIAN12);
    expect([d.recommendation, d.confidence, d.layout]).toEqual(['threads', 'low', 'unknown']);
  });

  it('a file without preallocation is treated as sparse, one confidence step lower, and says so', () => {
    const d = recommend(env({ prealloc: null }), CENTOS7);
    expect([d.recommendation, d.confidence]).toEqual(['threads', 'medium']);
    expect(reasonIds(d)).toContain('F-prealloc-unknown');
  });

  it('a missing cache mode is assumed none and said so', () => {
    const d = recommend(env({ cache: null, prealloc: 'full' }), CENTOS7);
    expect(d.recommendation).toBe('native');
    expect(reasonIds(d)).toContain('F-cache-assumed');
    expect(d.libvirtXml).toContain("cache='none'");
  });
});

describe('modifiers and output', () => {
  it('HDD: says plainly there is no difference, without changing the mode', () => {
    const hdd = recommend({ ...LOCAL_FULL, medium: 'HDD' }, CENTOS7);
    expect(hdd.recommendation).toBe(recommend(LOCAL_FULL, CENTOS7).recommendation);
    expect(hdd.reasons.find((r) => r.ruleId === 'M-hdd')!.text.en).toMatch(/no difference/);
  });

  it('iothread advice only without an iothread; the libvirt line carries iothread when set', () => {
    const d = recommend({ ...LOCAL_FULL, iothread: true }, CENTOS7);
    expect(reasonIds(d)).not.toContain('M-iothread');
    expect(d.libvirtXml).toBe(
      "<driver name='qemu' type='qcow2' cache='none' io='native' iothread='1'/>",
    );
  });

  it('every reason and risk has both languages; sources are exactly the cited ids', () => {
    for (const e of [LOCAL_OFF, LOCAL_FALLOC, SHAREDBLOCK, LIBRBD, NFS_OFF, GLUSTER, THIN]) {
      const d = recommend(e, RHEL9);
      for (const r of [...d.reasons, ...d.risks]) {
        expect(r.text.en.length).toBeGreaterThan(10);
        expect(r.text.zh.length).toBeGreaterThan(5);
        expect(r.text.en).not.toMatch(/\{\w+\}/);
      }
      const cited = new Set([...d.reasons, ...d.risks].flatMap((r) => r.citations));
      expect(new Set(d.sources.map((s) => s.id))).toEqual(cited);
    }
  });

  it('decisions without evidence are memoized per environment and host', () => {
    expect(recommend(LOCAL_OFF, CENTOS7)).toBe(recommend({ ...LOCAL_OFF }, { ...CENTOS7 }));
    expect(recommend(LOCAL_OFF, CENTOS7)).not.toBe(recommend(LOCAL_OFF, DEBIAN12));
  });
});
