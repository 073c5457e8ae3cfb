import { describe, expect, it } from 'vitest';
import { main } from './main';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      stdout: (t: string) => out.push(t),
      stderr: (t: string) => err.push(t),
      cwd: process.cwd(),
    },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}
type Item = {
  cell: Record<string, unknown>;
  recommendation: string;
  confidence: string;
  reasons: string[];
  sources: Array<{ id: string; title: string; url: string }>;
  platforms: Record<string, string>;
  libvirt_xml: string;
  risks: string[];
  evidence: { used: number } | null;
};
async function json(argv: string[]): Promise<{ items: Item[]; err: string; code: number }> {
  const c = capture();
  const code = await main(['recommend', ...argv, '--format', 'json'], c.io);
  return { items: code === 0 ? (JSON.parse(c.out()) as Item[]) : [], err: c.err(), code };
}

describe('aio-dash recommend', () => {
  it('--cell without data: the spec JSON shape', async () => {
    const { items, code, err } = await json([
      '--cell',
      'storage=LocalStorage,source=file,fs=xfs,format=qcow2,prealloc=none,cache=none,medium=SSD',
    ]);
    expect(code).toBe(0);
    expect(err).toContain('host CentOS 7 / 3.10');
    expect(items).toHaveLength(1);
    const it0 = items[0]!;
    expect(Object.keys(it0).slice(0, 7)).toEqual([
      'cell',
      'recommendation',
      'confidence',
      'reasons',
      'sources',
      'platforms',
      'libvirt_xml',
    ]);
    expect(it0.cell).toEqual({
      source: 'file',
      storage: 'LocalStorage',
      fs: 'xfs',
      format: 'qcow2',
      prealloc: 'off',
      cache: 'none',
      medium: 'SSD',
    });
    expect([it0.recommendation, it0.confidence]).toEqual(['threads', 'high']);
    expect(Object.keys(it0.platforms)).toEqual([
      'nova',
      'ovirt',
      'kubevirt',
      'proxmox',
      'cloudstack',
    ]);
    expect(it0.platforms).toEqual({
      nova: 'default(threads)',
      ovirt: 'threads',
      kubevirt: 'default(threads)',
      proxmox: 'io_uring',
      cloudstack: 'default(threads)',
    });
    expect(it0.libvirt_xml).toBe("<driver name='qemu' type='qcow2' cache='none' io='threads'/>");
    expect(it0.sources.map((s) => s.id)).toContain('nova-spec');
    expect(it0.sources.every((s) => s.url.length > 0 && s.title.length > 0)).toBe(true);
    expect(it0.evidence).toBeNull();
  });

  it('host options: --kernel 6.1 with new QEMU/libvirt gives io_uring; --io-uring-disabled takes it away', async () => {
    const cell = ['--cell', 'storage=LocalStorage,prealloc=off'];
    expect(
      (await json([...cell, '--kernel', '6.1', '--qemu', '7.2', '--libvirt', '9.0'])).items[0]!
        .recommendation,
    ).toBe('io_uring');
    expect(
      (await json([...cell, '--preset', 'debian12', '--io-uring-disabled'])).items[0]!
        .recommendation,
    ).toBe('threads');
    expect(
      (await json([...cell, '--preset', 'debian12', '--platform', 'kubevirt'])).items[0]!
        .recommendation,
    ).toBe('threads');
  });

  it('--lang zh gives the reasons in Chinese', async () => {
    const { items } = await json(['--cell', 'storage=SharedBlock', '--lang', 'zh']);
    expect(items[0]!.recommendation).toBe('native');
    expect(items[0]!.reasons[0]).toContain('共享 LVM');
  });

  it('FILE: one answer per disk configuration of the seed, with evidence', async () => {
    const { items, err, code } = await json(['data/zstack-2023q1.csv']);
    expect(code).toBe(0);
    expect(err).toMatch(/recommend: 211 records, \d+ comparisons, \d+ disk configurations/);
    const find = (storage: string, medium: string, prealloc: string, bus: string) =>
      items.find(
        (i) =>
          i.cell.storage === storage &&
          i.cell.medium === medium &&
          i.cell.prealloc === prealloc &&
          i.cell.bus === bus,
      )!;
    const sb = find('SharedBlock', 'SSD-iSCSI', 'n/a', 'virtio-scsi');
    expect(sb.recommendation).toBe('native');
    expect(sb.evidence!.used).toBeGreaterThan(0);
    expect(find('LocalStorage', 'SSD', 'off', 'virtio-blk').recommendation).toBe('threads');
    expect(find('LocalStorage', 'NVMe', 'falloc', 'virtio-blk').risks.join(' ')).toContain(
      'falloc',
    );
    // Every configuration appears once.
    const keys = items.map((i) => JSON.stringify(i.cell));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('FILE with --cell: the matching cells are the evidence', async () => {
    const { items } = await json([
      'data/zstack-2023q1.csv',
      '--cell',
      'storage=SharedBlock,medium=FC-SAN,prealloc=n/a',
    ]);
    expect(items).toHaveLength(1);
    expect([items[0]!.recommendation, items[0]!.confidence]).toEqual(['native', 'low']);
    expect(items[0]!.risks.join(' ')).toContain('−42.0%');
  });

  it('prints a readable table by default', async () => {
    const c = capture();
    expect(
      await main(['recommend', '--cell', 'source=network,protocol=rbd,storage=Ceph'], c.io),
    ).toBe(0);
    expect(c.out()).toContain('recommendation: n/a (high)');
    expect(c.out()).toContain("libvirt: <driver name='qemu' cache='none'/>");
    for (const line of c.out().split('\n'))
      if (!line.trim().startsWith('http')) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it.each([
    [[], 'give FILE... or --cell'],
    [['--cell', 'prealloc=sometimes'], 'prealloc must be one of'],
    [['--cell', 'color=blue'], "unknown key 'color'"],
    [['--cell', 'storage'], 'expected KEY=VALUE'],
    [['--cell', 'storage=a', '--kernel', 'new'], '--kernel needs a version'],
    [['--cell', 'storage=a', '--preset', 'win11'], '--preset must be one of'],
    [['--cell', 'storage=a', '--lang', 'fr'], '--lang must be en or zh'],
    [['--cell', 'storage=a', '--format', 'csv'], '--format must be table or json'],
    [['--cell', 'storage=a', '--frobnicate'], 'unknown option --frobnicate'],
  ])('usage error %j → exit 2', async (argv, msg) => {
    const c = capture();
    expect(await main(['recommend', ...argv], c.io)).toBe(2);
    expect(c.err()).toContain(msg);
  });

  it('an unreadable file → exit 1, still answers the --cell', async () => {
    const c = capture();
    expect(
      await main(
        ['recommend', 'no/such/file.csv', '--cell', 'storage=SharedBlock', '--format', 'json'],
        c.io,
      ),
    ).toBe(1);
    expect(c.err()).toContain('no/such/file.csv: cannot read');
    expect((JSON.parse(c.out()) as Item[])[0]!.recommendation).toBe('native');
  });
});
