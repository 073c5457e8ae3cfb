/* eslint-disable no-restricted-imports -- tests run in Node and read the research copy and the seed data from disk */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compare } from '../compare';
import { ingestText } from '../ingest/ingest';
import { hostPreset } from './host-profile';
import { ZSTACK_PLATFORM, defaultPolicy, ioUringCapable } from './default-policy';
import type { PlatformDescription } from './default-policy';

const CENTOS7 = hostPreset('centos7')!.profile;
const DEBIAN12 = hostPreset('debian12')!.profile;
const RHEL9 = hostPreset('rhel9')!.profile;

const ingested = ingestText(
  readFileSync(join(__dirname, '..', '..', '..', 'data', 'zstack-2023q1.csv'), 'utf8'),
  { fileName: 'zstack-2023q1.csv' },
);
if (!ingested.ok) throw new Error(ingested.reason);
const cells = compare(ingested.value.records).cells;

describe('default policy for the seed’s platform', () => {
  it('on CentOS 7: native for SharedBlock; threads for sparse LocalStorage until the kernel has io_uring', () => {
    const lines = defaultPolicy(ZSTACK_PLATFORM, CENTOS7, cells);
    expect(lines.map((l) => l.text.en)).toEqual([
      'threads for LocalStorage with preallocation off (default) until the kernel has io_uring (then io_uring)',
      'threads for LocalStorage with preallocation metadata until the kernel has io_uring (then io_uring)',
      'native for LocalStorage with preallocation falloc',
      'native for LocalStorage with preallocation full',
      'native for SharedBlock with preallocation metadata (default)',
      'native for SharedBlock with preallocation off',
    ]);
    expect(lines[0]!.text.zh).toBe(
      'LocalStorage（预分配 none，默认）使用 threads，直到内核支持 io_uring（届时改用 io_uring）',
    );
  });

  it('on Debian 12 the sparse lines are io_uring already; on RHEL 9 they wait for io_uring', () => {
    expect(defaultPolicy(ZSTACK_PLATFORM, DEBIAN12, cells)[0]!.text.en).toBe(
      'io_uring for LocalStorage with preallocation off (default)',
    );
    expect(defaultPolicy(ZSTACK_PLATFORM, RHEL9, cells)[0]!.mode).toBe('threads');
    expect(defaultPolicy(ZSTACK_PLATFORM, RHEL9, cells)[0]!.withIoUring).toBe('io_uring');
  });

  it('says which measured cells support or contradict each line, from the seed’s verdicts', () => {
    const [off, , falloc, full, sb] = defaultPolicy(ZSTACK_PLATFORM, CENTOS7, cells);
    // LocalStorage off: native was faster in some cells (SSD +15.6%, NVMe +61.6% …): they
    // contradict on speed; the note says why that does not overturn threads.
    expect(off!.contradicting.length).toBeGreaterThan(0);
    expect(
      off!.contradicting.every((c) => c.pair === 'threads→native' && c.verdict === 'improvement'),
    ).toBe(true);
    expect(off!.note?.en).toContain('native measured faster, but is not acceptable on this disk');
    expect(off!.unusable).toBeGreaterThan(0);
    // falloc: native wins support the line; nothing measured against it.
    expect(falloc!.supporting.length).toBeGreaterThan(0);
    expect(falloc!.contradicting).toEqual([]);
    expect(falloc!.note).toBeNull();
    // full: the seed measured no full-preallocated disk.
    expect([full!.supporting.length, full!.contradicting.length, full!.neutral]).toEqual([0, 0, 0]);
    // SharedBlock: SSD-iSCSI and FC-SAN overwrite wins support; FC-SAN first writes contradict.
    expect(sb!.supporting.length).toBeGreaterThan(sb!.contradicting.length);
    expect(sb!.contradicting.map((c) => Math.round(c.pct!))).toEqual([-42, -25]);
    const sum = (l: typeof sb) => l!.supporting.length + l!.contradicting.length + l!.neutral;
    expect(sum(sb)).toBeLessThanOrEqual(
      cells.filter((c) => c.cell.storage === 'SharedBlock').length,
    );
  });

  it('the note on speed reads the same in both languages, word for word', () => {
    const [off] = defaultPolicy(ZSTACK_PLATFORM, CENTOS7, cells);
    expect(off!.note).toEqual({
      en: 'native measured faster, but is not acceptable on this disk (native on a sparse file can stall the VM while the filesystem allocates blocks: io_submit blocks on block allocation and metadata updates.); speed alone does not overturn the line.',
      zh: 'native 实测更快，但对该磁盘不可接受（在稀疏文件上使用 native，文件系统分配块时可能导致虚拟机卡顿：io_submit 会因块分配和元数据更新而阻塞。）；仅凭速度不推翻该规则。',
    });
  });

  it('a platform with a network storage gets an n/a line and a writeback storage no native', () => {
    const p: PlatformDescription = {
      name: 'test',
      storages: [
        {
          label: 'Ceph',
          source: 'network',
          fs: null,
          format: 'raw',
          defaultPrealloc: 'n/a',
          preallocOptions: [],
          defaultCache: 'none',
          protocol: 'rbd',
        },
        {
          label: 'Local-wb',
          source: 'file',
          fs: 'ext4',
          format: 'raw',
          defaultPrealloc: 'full',
          preallocOptions: [],
          defaultCache: 'writeback',
        },
      ],
    };
    const [ceph, wb] = defaultPolicy(p, CENTOS7, []);
    expect(ceph!.mode).toBe('n/a');
    expect(wb!.text.en).toBe(
      'threads for Local-wb with preallocation full (default) until the kernel has io_uring (then io_uring)',
    );
  });

  it('ioUringCapable raises versions only where needed and switches the sysctl on', () => {
    expect(ioUringCapable(RHEL9)).toMatchObject({
      kernel: '6.1',
      qemu: '8.2',
      libvirt: '10.0',
      ioUringDisabled: false,
    });
    expect(ioUringCapable(CENTOS7)).toMatchObject({ kernel: '6.1', qemu: '7.2', libvirt: '9.0' });
  });
});
