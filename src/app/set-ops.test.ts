import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { recordArb } from '../worker/record.arbitrary';
import type { LoadedSet } from '../worker/loaded-set.types';
import { contentId } from '../core/sets/content-id';
import {
  addLoadedSets,
  contentIdAsync,
  mergeLoadedSets,
  renameLoadedSet,
  withSetName,
} from './set-ops';

const hex = (n: number) => n.toString(16).padStart(64, '0');

const makeSet = (name: string, n: number, seed: number, sha256 = hex(seed)): LoadedSet => ({
  name,
  description: '',
  source: `${name}/`,
  records: fc.sample(recordArb, { numRuns: n, seed }).map((r) => ({ ...r, set: name })),
  reports: [],
  loadedAt: '2024-05-01T10:00:00.000Z',
  sha256,
  files: [`${name}-${seed}.json`],
  fileSha256: [hex(seed + 1000)],
});

const names = (sets: readonly LoadedSet[]) => sets.map((s) => s.name);
const consistent = (s: LoadedSet) => s.records.every((r) => r.set === s.name);

describe('adding loaded sets', () => {
  it('never replaces: a taken name gets a suffix and its records follow', () => {
    const existing = [makeSet('nvme0', 3, 1)];
    const out = addLoadedSets(existing, [makeSet('nvme0', 4, 2), makeSet('nvme0', 2, 3)]);
    expect(names(out.added)).toEqual(['nvme0 (2)', 'nvme0 (3)']);
    expect(out.renamed).toEqual([
      { from: 'nvme0', to: 'nvme0 (2)' },
      { from: 'nvme0', to: 'nvme0 (3)' },
    ]);
    expect(out.added.map((s) => s.records.length)).toEqual([4, 2]);
    expect(out.added.every(consistent)).toBe(true);
    expect(out.identical).toEqual([]);
  });

  it('adds nothing for content identical to a loaded set (or to another set of the same load)', () => {
    const existing = [makeSet('host-runs', 12, 1, hex(77))];
    const again = makeSet('host-runs', 12, 1, hex(77));
    const twin = makeSet('copy', 5, 9, hex(88));
    const twinAgain = makeSet('copy-2', 5, 9, hex(88));
    const out = addLoadedSets(existing, [again, twin, twinAgain]);
    expect(out.identical).toEqual([
      { name: 'host-runs', existing: 'host-runs' },
      { name: 'copy-2', existing: 'copy' },
    ]);
    expect(names(out.added)).toEqual(['copy']);
  });

  it('does not treat an unknown identity (sets saved before sha256) as identical', () => {
    const out = addLoadedSets([makeSet('old', 1, 1, '')], [makeSet('new', 1, 2, '')]);
    expect(names(out.added)).toEqual(['new']);
  });
});

describe('renaming and merging', () => {
  const a = makeSet('devA', 5, 1);
  const b = makeSet('devB', 4, 2);
  const seed = makeSet('zstack-2023q1', 3, 3);
  const bundled = new Set(['zstack-2023q1']);
  const all = [seed, a, b];

  it('renames a set and rewrites every record’s set, without touching the original', () => {
    const r = renameLoadedSet(all, 'devA', '  SAMSUNG PM883 ', bundled);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.name).toBe('SAMSUNG PM883');
    expect(consistent(r.value)).toBe(true);
    expect(r.value.records.map((x) => x.iops)).toEqual(a.records.map((x) => x.iops));
    expect(consistent(a)).toBe(true);
    expect(a.name).toBe('devA');
  });

  it('refuses a rename to an empty or taken name, of a bundled set, or of no set', () => {
    expect(renameLoadedSet(all, 'devA', ' ', bundled)).toEqual({ ok: false, reason: 'empty' });
    expect(renameLoadedSet(all, 'devA', 'devB', bundled)).toEqual({ ok: false, reason: 'taken' });
    expect(renameLoadedSet(all, 'zstack-2023q1', 'x', bundled)).toEqual({
      ok: false,
      reason: 'bundled',
    });
    expect(renameLoadedSet(all, 'gone', 'x', bundled)).toEqual({ ok: false, reason: 'none' });
  });

  it('refuses to rename or merge a set kept on the team server (its records are there)', () => {
    const kept: LoadedSet = {
      ...makeSet('fleet', 0, 9),
      server: { id: 'abc123', records: 10_000_000, flagged: 0 },
    };
    const withKept = [...all, kept];
    expect(renameLoadedSet(withKept, 'fleet', 'x', bundled)).toEqual({
      ok: false,
      reason: 'server',
    });
    expect(mergeLoadedSets(withKept, ['devA', 'fleet'], 'both', bundled)).toEqual({
      ok: false,
      reason: 'server',
    });
  });

  it('merges sets in list order: every record kept and renamed, files and digests joined', () => {
    const r = mergeLoadedSets(all, ['devB', 'devA'], 'both', bundled, () => new Date(0));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const m = r.value;
    expect(m.name).toBe('both');
    expect(m.records).toHaveLength(a.records.length + b.records.length);
    expect(consistent(m)).toBe(true);
    expect(m.records.map((x) => x.iops)).toEqual([...a.records, ...b.records].map((x) => x.iops));
    expect(m.files).toEqual([...a.files, ...b.files]);
    expect(m.fileSha256).toEqual([...a.fileSha256, ...b.fileSha256]);
    expect(m.sha256).toBe('');
    expect(m.loadedAt).toBe('1970-01-01T00:00:00.000Z');
  });

  it('merges into one of the merged names, never into another set’s', () => {
    expect(mergeLoadedSets(all, ['devA', 'devB'], 'devA', bundled).ok).toBe(true);
    expect(mergeLoadedSets(all, ['devA', 'devB'], 'zstack-2023q1', bundled)).toEqual({
      ok: false,
      reason: 'taken',
    });
    expect(mergeLoadedSets(all, ['devA'], 'x', bundled)).toEqual({ ok: false, reason: 'none' });
    expect(mergeLoadedSets(all, ['devA', 'zstack-2023q1'], 'x', bundled)).toEqual({
      ok: false,
      reason: 'bundled',
    });
  });

  it('withSetName returns the same set when the name does not change', () => {
    expect(withSetName(a, 'devA')).toBe(a);
  });
});

describe('the merged set’s content identity', () => {
  it('contentIdAsync (SubtleCrypto) equals the core’s contentId', async () => {
    const digests = [hex(3), hex(1), hex(2)];
    expect(await contentIdAsync(digests)).toBe(contentId(digests));
    expect(await contentIdAsync([])).toBe(contentId([]));
  });
});
