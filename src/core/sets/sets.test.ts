import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isHiddenName, planSets, uniqueSetName } from './sets';
import { contentId, sha256Hasher, sha256Hex } from './content-id';
import type { LoadInput } from './sets';

const inputs = (...paths: string[]): LoadInput[] => paths.map((path) => ({ path }));
const summary = (sets: ReturnType<typeof planSets>) =>
  sets.map((s) => [s.name, s.files.map((f) => f.originPath)]);
const bytes = (s: string) => new TextEncoder().encode(s);

describe('uniqueSetName', () => {
  it('keeps a free name and numbers a taken one from (2)', () => {
    expect(uniqueSetName('devA', [])).toBe('devA');
    expect(uniqueSetName('devA', ['devA'])).toBe('devA (2)');
    expect(uniqueSetName('devA', new Set(['devA', 'devA (2)']))).toBe('devA (3)');
    expect(uniqueSetName('devA (2)', ['devA'])).toBe('devA (2)');
  });
});

describe('sha256Hex and contentId', () => {
  it('gives the published SHA-256 test vectors', () => {
    expect(sha256Hex(new Uint8Array())).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(sha256Hex(bytes('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('hashes pieces as the whole', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(300), (data, cut) => {
        const at = Math.min(cut, data.length);
        const h = sha256Hasher();
        h.update(data.subarray(0, at));
        h.update(data.subarray(at));
        expect(h.digestHex()).toBe(sha256Hex(data));
      }),
    );
  });

  it('identifies a set by its files contents, whatever their order', () => {
    const a = sha256Hex(bytes('a')),
      b = sha256Hex(bytes('b'));
    expect(contentId([a, b])).toBe(contentId([b, a]));
    expect(contentId([a, b])).not.toBe(contentId([a]));
    expect(contentId([a, b])).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('planSets', () => {
  it('one folder is one set named after it; origins are relative to it', () => {
    const sets = planSets(inputs('devA/randread-1-1.json', 'devA/randwrite-1-1.json'));
    expect(sets).toEqual([
      {
        name: 'devA',
        folder: 'devA',
        files: [
          { path: 'devA/randread-1-1.json', originPath: 'randread-1-1.json' },
          { path: 'devA/randwrite-1-1.json', originPath: 'randwrite-1-1.json' },
        ],
      },
    ]);
  });

  it('two folders with equal file names are two sets', () => {
    const sets = planSets(inputs('runs/devA/r-1.json', 'runs/devB/r-1.json', 'runs/devA/r-2.json'));
    expect(summary(sets)).toEqual([
      ['devA', ['r-1.json', 'r-2.json']],
      ['devB', ['r-1.json']],
    ]);
  });

  it('folders with the same name get the shortest suffix that tells them apart', () => {
    const sets = planSets(
      inputs(
        'lab/IBM_M1015/SAMSUNG_PM883/a.json',
        'lab/LSI/SAMSUNG_PM883/a.json',
        'lab/LSI/other/a.json',
      ),
    );
    expect(sets.map((s) => s.name)).toEqual([
      'IBM_M1015/SAMSUNG_PM883',
      'LSI/SAMSUNG_PM883',
      'other',
    ]);
    // Three levels deep: x/p/a/d, y/p/a/d and z/a/d.
    expect(planSets(inputs('x/p/a/d/f', 'y/p/a/d/f', 'z/a/d/f')).map((s) => s.name)).toEqual([
      'x/p/a/d',
      'y/p/a/d',
      'z/a/d',
    ]);
    // A folder whose whole path is a suffix of another's keeps its path; the other gets more.
    expect(planSets(inputs('d/f', 'x/d/f')).map((s) => s.name)).toEqual(['d', 'x/d']);
  });

  it('files directly in a folder and in its subfolders are separate sets', () => {
    const sets = planSets(inputs('host/summary.csv', 'host/nvme0/r.json', 'host/nvme1/r.json'));
    expect(summary(sets)).toEqual([
      ['host', ['summary.csv']],
      ['nvme0', ['r.json']],
      ['nvme1', ['r.json']],
    ]);
  });

  it('loose files form one set named after their common parent (CLI) or first +N (browser)', () => {
    const cli = planSets(
      [
        { path: 'results/a/x.csv', loose: true },
        { path: 'results/b/y.csv', loose: true },
      ],
      { cwdName: 'home' },
    );
    expect(summary(cli)).toEqual([['results', ['a/x.csv', 'b/y.csv']]]);
    expect(cli[0]!.folder).toBe('results');
    expect(planSets(inputs('x.csv', 'y.csv'), { cwdName: 'home' })[0]!.name).toBe('home');
    expect(planSets(inputs('x.csv', 'y.csv'))[0]!.name).toBe('x +1');
    const names = Array.from({ length: 12 }, (_, i) => `libaio-sparse-randread${i || ''}.json`);
    expect(planSets(inputs(...names), { looseNaming: 'first-file' })[0]!.name).toBe(
      'libaio-sparse-randread +11',
    );
    // A single file is named after itself, folder or not.
    expect(planSets([{ path: 'data/sources/plan.md', loose: true }])).toEqual([
      {
        name: 'plan',
        folder: 'data/sources',
        files: [{ path: 'data/sources/plan.md', originPath: 'plan.md' }],
      },
    ]);
  });

  it('absolute paths: the common parent and folder names work the same', () => {
    const sets = planSets([
      { path: '/tmp/w/a.csv', loose: true },
      { path: '/tmp/w/b.csv', loose: true },
      { path: '/tmp/w/devA/r.json' },
    ]);
    expect(sets.map((s) => [s.name, s.folder])).toEqual([
      ['w', '/tmp/w'],
      ['devA', '/tmp/w/devA'],
    ]);
  });

  it('--set wins; --set-per-file gives one set per file, told apart by folder', () => {
    const all = inputs('devA/r-1.json', 'devB/r-1.json');
    expect(summary(planSets(all, { set: 'mine' }))).toEqual([
      ['mine', ['devA/r-1.json', 'devB/r-1.json']],
    ]);
    expect(summary(planSets(all, { set: 'mine', perFile: true }))).toEqual([
      ['mine', ['devA/r-1.json', 'devB/r-1.json']],
    ]);
    expect(summary(planSets(all, { perFile: true }))).toEqual([
      ['devA/r-1', ['r-1.json']],
      ['devB/r-1', ['r-1.json']],
    ]);
    expect(summary(planSets(inputs('a.csv', 'b.csv'), { perFile: true }))).toEqual([
      ['a', ['a.csv']],
      ['b', ['b.csv']],
    ]);
    // Same stem, same folder: the second is numbered.
    expect(planSets(inputs('a.csv', 'a.json'), { perFile: true }).map((s) => s.name)).toEqual([
      'a',
      'a (2)',
    ]);
  });

  it('taken names are numbered, never reused; a path given twice is planned once', () => {
    const sets = planSets(inputs('devA/r.json', 'devA/r.json', 'devB/r.json'), {
      taken: ['devA', 'devA (2)'],
    });
    expect(summary(sets)).toEqual([
      ['devA (3)', ['r.json']],
      ['devB', ['r.json']],
    ]);
    expect(planSets(inputs('x/f', 'y/x/g'), { set: 'x', taken: ['x'] })[0]!.name).toBe('x (2)');
  });

  it('hidden names are the ones a directory walk leaves out', () => {
    expect(['.DS_Store', '.git', '.r.json.swp'].every(isHiddenName)).toBe(true);
    expect(['r.json', 'fio.log', '.', '..'].some(isHiddenName)).toBe(false);
  });

  describe('properties', () => {
    const segment = fc.constantFrom('a', 'b', 'devA', 'devB', 'x y', '数据', 'r.json', 'r.csv');
    const path = fc
      .array(segment, { minLength: 1, maxLength: 4 })
      .map((s) => s.join('/'))
      .chain((p) => fc.record({ path: fc.constant(p), loose: fc.boolean() }));
    const options = fc.record(
      {
        set: fc.constantFrom('mine', 'a'),
        perFile: fc.boolean(),
        taken: fc.array(fc.constantFrom('a', 'devA', 'b', 'mine', 'a (2)'), { maxLength: 3 }),
        looseNaming: fc.constantFrom('parent' as const, 'first-file' as const),
        cwdName: fc.constantFrom('home', 'a'),
      },
      { requiredKeys: [] },
    );

    it('every distinct input lands in exactly one set; names are unique and not taken', () => {
      fc.assert(
        fc.property(fc.array(path, { maxLength: 12 }), options, (ins, opts) => {
          const sets = planSets(ins, opts);
          const planned = sets.flatMap((s) => s.files.map((f) => f.path));
          expect(new Set(planned).size).toBe(planned.length);
          expect(new Set(planned)).toEqual(new Set(ins.map((i) => i.path)));
          const names = sets.map((s) => s.name);
          expect(new Set(names).size).toBe(names.length);
          for (const n of names) expect(opts.taken ?? []).not.toContain(n);
          for (const s of sets) {
            expect(s.files.length).toBeGreaterThan(0);
            // originPath is the tail of the path below the set's folder.
            for (const f of s.files) {
              expect(f.originPath.length).toBeGreaterThan(0);
              expect(f.path.endsWith(f.originPath)).toBe(true);
              if (s.folder !== '') expect(f.path).toBe(`${s.folder}/${f.originPath}`);
            }
            // Origins stay distinct inside a set.
            const origins = s.files.map((f) => f.originPath);
            expect(new Set(origins).size).toBe(origins.length);
          }
        }),
      );
    });

    it('is deterministic, and the same inputs in another order give the same sets', () => {
      fc.assert(
        fc.property(fc.uniqueArray(path, { selector: (p) => p.path, maxLength: 10 }), (ins) => {
          const sets = planSets(ins);
          expect(planSets(ins)).toEqual(sets);
          // Without name collisions between sets, the partition and names do not depend on order.
          const names = sets.map((s) => s.name);
          if (names.some((n) => / \(\d+\)$/.test(n))) return;
          const reversed = planSets([...ins].reverse());
          const key = (ss: typeof sets) =>
            ss
              .map(
                (s) =>
                  `${s.name}:${s.files
                    .map((f) => f.path)
                    .sort()
                    .join('|')}`,
              )
              .sort();
          if (!ins.some((i) => i.loose || i.path.split('/').length < 2) || ins.length < 2)
            expect(key(reversed)).toEqual(key(sets));
        }),
      );
    });
  });
});
