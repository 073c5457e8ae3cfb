import { describe, expect, it } from 'vitest';
import {
  MAX_REMEMBERED,
  MEMORY_KEY,
  readColumnMap,
  rememberMap,
  rememberedMaps,
} from './column-memory';
import { needsMappingStep } from './useIngest';

/** An in-memory Storage (localStorage's interface). */
function memoryStorage(initial: Record<string, string> = {}): Storage {
  const data = new Map(Object.entries(initial));
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k) => data.get(k) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (k) => void data.delete(k),
    setItem: (k, v) => void data.set(k, String(v)),
  };
}

const aio = { Flavour: { kind: 'field', field: 'aio' } } as const;

describe('the mapping step’s memory', () => {
  it('remembers a mapping per header row and reads it back', () => {
    const s = memoryStorage();
    expect(rememberedMaps(s)).toEqual({});
    expect(rememberMap('sig-a', aio, s)).toBe(true);
    expect(rememberMap('sig-b', { Note: { kind: 'ignore' } }, s)).toBe(true);
    expect(rememberMap('sig-a', { Flavour: { kind: 'extra', name: 'flavour' } }, s)).toBe(true);
    expect(rememberedMaps(s)).toEqual({
      'sig-b': { Note: { kind: 'ignore' } },
      'sig-a': { Flavour: { kind: 'extra', name: 'flavour' } },
    });
  });

  it('drops what is not a column map, and survives unreadable storage', () => {
    const s = memoryStorage({
      [MEMORY_KEY]: JSON.stringify({ good: aio, bad: { X: { kind: 'rename' } }, worse: 3 }),
    });
    expect(rememberedMaps(s)).toEqual({ good: aio });
    expect(rememberedMaps(memoryStorage({ [MEMORY_KEY]: '{not json' }))).toEqual({});
    expect(rememberedMaps(null)).toEqual({});
    expect(readColumnMap({ A: { kind: 'field', field: '' } })).toBeNull();
    expect(readColumnMap([])).toBeNull();
  });

  it('forgets the oldest header rows beyond its limit', () => {
    const s = memoryStorage();
    for (let i = 0; i < MAX_REMEMBERED + 3; i++) rememberMap(`sig-${i}`, aio, s);
    const kept = Object.keys(rememberedMaps(s));
    expect(kept).toHaveLength(MAX_REMEMBERED);
    expect(kept[0]).toBe('sig-3');
  });
});

describe('when the mapping step opens', () => {
  const table = (
    hows: ('exact' | 'synonym' | 'values' | 'explicit' | 'unknown')[],
    map = false,
  ) => ({
    set: 's',
    file: 'f.csv',
    signature: 'sig',
    remembered: false,
    ...(map ? { map: aio } : {}),
    columns: hows.map((how, column) => ({
      column,
      header: `h${column}`,
      choice: { kind: 'ignore' } as const,
      how,
      values: [],
    })),
  });
  it('for a column guessed from its values or not mapped, not for names and synonyms', () => {
    expect(needsMappingStep(table(['exact', 'values']))).toBe(true);
    expect(needsMappingStep(table(['exact', 'unknown']))).toBe(true);
    expect(needsMappingStep(table(['exact', 'synonym', 'explicit']))).toBe(false);
    // A file read with a mapping (given or remembered) is not asked about again.
    expect(needsMappingStep(table(['unknown'], true))).toBe(false);
  });
});
