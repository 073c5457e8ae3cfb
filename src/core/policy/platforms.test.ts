/**
 * Each platform model against the rule the research read in that platform's code (§1.2, §4.1,
 * §5, §7.1, §7.2), then the five answers side by side for the seed's main cells.
 */
import { describe, expect, it } from 'vitest';
import {
  cloudstackChoice,
  effectiveMode,
  kubevirtChoice,
  novaChoice,
  ovirtChoice,
  platformChoices,
  proxmoxChoice,
} from './platforms';
import { deriveFacts } from './facts';
import { hostPreset } from './host-profile';
import { recommend } from './recommend';
import type { CellEnvironment, HostProfile } from './policy.types';

const DEBIAN12 = hostPreset('debian12')!.profile;
const CENTOS7 = hostPreset('centos7')!.profile;
const env = (over: Partial<CellEnvironment>): CellEnvironment => ({
  source: 'file',
  storage: 'dir',
  fs: 'xfs',
  format: 'raw',
  prealloc: 'off',
  cache: 'none',
  medium: 'SSD',
  bus: 'virtio-scsi',
  iothread: false,
  ...over,
});
const facts = (over: Partial<CellEnvironment>, host: HostProfile = DEBIAN12) =>
  deriveFacts(env(over), host);

const LVM = { source: 'block', storage: 'lvm', fs: null, prealloc: 'n/a' } as const;
const KRBD = {
  source: 'block',
  storage: 'krbd',
  fs: null,
  protocol: 'rbd',
  prealloc: null,
} as const;
const LIBRBD = {
  source: 'network',
  storage: 'Ceph',
  fs: null,
  protocol: 'rbd',
  prealloc: null,
} as const;
const CIFS = { storage: 'cifs', fs: 'cifs', prealloc: 'full' } as const;

describe('Proxmox VE: the regression test src/test/cfg2cmd/aio.conf (§4.1)', () => {
  it.each([
    ['local dir raw, default', {}, 'io_uring'],
    ['CIFS, default', CIFS, 'native'],
    ['krbd, default', KRBD, 'io_uring'],
    ['krbd + cache=writeback', { ...KRBD, cache: 'writeback' }, 'threads'],
    ['LVM, default', LVM, 'native'],
    ['librbd: no aio knob', LIBRBD, 'n/a'],
  ] as const)('%s → %s', (_name, over, mode) => {
    expect(proxmoxChoice(facts(over)).mode).toBe(mode);
  });

  it('LVM with writeback → threads; LVM-thin → io_uring (not affected)', () => {
    expect(proxmoxChoice(facts({ ...LVM, cache: 'writeback' })).mode).toBe('threads');
    expect(proxmoxChoice(facts({ source: 'block', storage: 'lvmthin', fs: null })).mode).toBe(
      'io_uring',
    );
  });

  it('marks io_uring as not runnable on a host without it', () => {
    const c = proxmoxChoice(facts({}, CENTOS7));
    expect([c.mode, c.validOnHost]).toEqual(['io_uring', false]);
    expect(proxmoxChoice(facts({})).validOnHost).toBe(true);
  });
});

describe('OpenStack nova (§1.2)', () => {
  it.each([
    ['Flat/Qcow2 with preallocate_images=space (falloc)', { prealloc: 'falloc' }, 'native'],
    [
      'Flat/Qcow2 with preallocate_images=space (full)',
      { prealloc: 'full', format: 'qcow2' },
      'native',
    ],
    ['sparse image (preallocate_images=none)', { prealloc: 'off' }, 'default(threads)'],
    [
      'metadata is not space preallocation',
      { prealloc: 'metadata', format: 'qcow2' },
      'default(threads)',
    ],
    ['thick LVM backend', LVM, 'native'],
    [
      'sparse_logical_volumes',
      { source: 'block', storage: 'lvm-thin', fs: null },
      'default(threads)',
    ],
    ['Rbd via librbd', LIBRBD, 'n/a'],
    ['RBD via krbd', KRBD, 'native'],
    ['Cinder NFS volume', { storage: 'NFS', fs: 'nfs', prealloc: 'off' }, 'native'],
  ] as const)('%s → %s', (_name, over, mode) => {
    expect(novaChoice(facts(over)).mode).toBe(mode);
  });

  it('rewrites native to threads without O_DIRECT (_set_cache_mode)', () => {
    const c = novaChoice(facts({ ...LVM, cache: 'writeback' }));
    expect(c.mode).toBe('threads');
    expect(c.citations).toContain('nova-cache-interlock');
    expect(c.why.en).toContain('cache=writeback');
  });

  it('never picks io_uring, even on an io_uring host', () => {
    for (const over of [{}, LVM, CIFS, { prealloc: 'full' as const }])
      expect(novaChoice(facts(over)).mode).not.toBe('io_uring');
  });
});

describe('oVirt/RHV (§5)', () => {
  it('native for block domains and LUNs, threads for file domains, Gluster and RBD', () => {
    expect(ovirtChoice(facts(LVM)).mode).toBe('native');
    expect(
      ovirtChoice(facts({ source: 'block', storage: 'SharedBlock', fs: null, format: 'qcow2' }))
        .mode,
    ).toBe('native');
    expect(ovirtChoice(facts({ storage: 'NFS', fs: 'nfs', prealloc: 'full' })).mode).toBe(
      'threads',
    );
    expect(ovirtChoice(facts({ prealloc: 'full' })).mode).toBe('threads');
    expect(ovirtChoice(facts({ storage: 'gluster', fs: 'glusterfs' })).citations).toContain(
      'ovirt-gluster-revert',
    );
    expect(ovirtChoice(facts(LIBRBD)).mode).toBe('threads');
  });
  it('a block disk with a host cache gets threads', () => {
    expect(ovirtChoice(facts({ ...LVM, cache: 'writethrough' })).mode).toBe('threads');
  });
});

describe('KubeVirt (§7.1 SetOptimalIOMode)', () => {
  it('native for block volumes and fully allocated files with cache=none; otherwise unset', () => {
    expect(kubevirtChoice(facts(LVM)).mode).toBe('native');
    expect(kubevirtChoice(facts({ prealloc: 'full' })).mode).toBe('native');
    expect(kubevirtChoice(facts({ prealloc: 'falloc' })).mode).toBe('native');
    expect(kubevirtChoice(facts({ prealloc: 'off' })).mode).toBe('default(threads)');
    expect(kubevirtChoice(facts({ prealloc: 'metadata', format: 'qcow2' })).mode).toBe(
      'default(threads)',
    );
  });
  it('only cache=none: directsync and writethrough leave io unset', () => {
    expect(kubevirtChoice(facts({ ...LVM, cache: 'directsync' })).mode).toBe('default(threads)');
    expect(kubevirtChoice(facts({ ...LVM, cache: 'writethrough' })).mode).toBe('default(threads)');
  });
});

describe('CloudStack (§7.2)', () => {
  it('threads when iothreads are on, else io unset; n/a on network disks', () => {
    expect(cloudstackChoice(facts({ iothread: true })).mode).toBe('threads');
    expect(cloudstackChoice(facts({ iothread: false })).mode).toBe('default(threads)');
    expect(cloudstackChoice(facts(LIBRBD)).mode).toBe('n/a');
  });
});

describe('the seed’s main cells, five platforms side by side (CentOS 7 host)', () => {
  const seed = {
    'LocalStorage qcow2 prealloc off': env({
      storage: 'LocalStorage',
      format: 'qcow2',
      prealloc: 'off',
    }),
    'LocalStorage qcow2 falloc': env({
      storage: 'LocalStorage',
      format: 'qcow2',
      prealloc: 'falloc',
    }),
    'LocalStorage qcow2 metadata': env({
      storage: 'LocalStorage',
      format: 'qcow2',
      prealloc: 'metadata',
    }),
    'SharedBlock qcow2 on LVM': env({
      source: 'block',
      storage: 'SharedBlock',
      fs: null,
      format: 'qcow2',
      prealloc: 'n/a',
    }),
  };
  const table = Object.fromEntries(
    Object.entries(seed).map(([name, e]) => {
      const d = recommend(e, CENTOS7);
      return [
        name,
        {
          ours: d.recommendation,
          ...Object.fromEntries(Object.entries(d.platforms).map(([p, c]) => [p, effectiveMode(c)])),
        },
      ];
    }),
  );
  it('matches each platform’s rule', () => {
    expect(table).toEqual({
      'LocalStorage qcow2 prealloc off': {
        ours: 'threads',
        nova: 'threads',
        ovirt: 'threads',
        kubevirt: 'threads',
        proxmox: 'io_uring',
        cloudstack: 'threads',
      },
      'LocalStorage qcow2 falloc': {
        ours: 'native',
        nova: 'native',
        ovirt: 'threads',
        kubevirt: 'native',
        proxmox: 'io_uring',
        cloudstack: 'threads',
      },
      'LocalStorage qcow2 metadata': {
        ours: 'threads',
        nova: 'threads',
        ovirt: 'threads',
        kubevirt: 'threads',
        proxmox: 'io_uring',
        cloudstack: 'threads',
      },
      'SharedBlock qcow2 on LVM': {
        ours: 'native',
        nova: 'native',
        ovirt: 'native',
        kubevirt: 'native',
        proxmox: 'native',
        cloudstack: 'threads',
      },
    });
  });
  it('every platform choice explains itself in both languages with citations', () => {
    for (const e of Object.values(seed))
      for (const c of Object.values(platformChoices(deriveFacts(e, CENTOS7)))) {
        expect(c.why.en.length).toBeGreaterThan(10);
        expect(c.why.zh.length).toBeGreaterThan(5);
        expect(c.citations.length).toBeGreaterThan(0);
      }
  });
});
