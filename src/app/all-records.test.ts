import { describe, expect, it } from 'vitest';
import { allRecords } from './useResultSets';
import { makeRecord } from '../core/compare/record.fixture';

describe('allRecords', () => {
  it('joins the sets in order into one frozen array', () => {
    const a = [makeRecord({ origin: 'a:1' }), makeRecord({ origin: 'a:2' })];
    const b = [makeRecord({ origin: 'b:1' })];
    const all = allRecords([{ records: a }, { records: [] }, { records: b }]);
    expect(all.map((r) => r.origin)).toEqual(['a:1', 'a:2', 'b:1']);
    expect(all[0]).toBe(a[0]);
    expect(Object.isFrozen(all)).toBe(true);
    expect(allRecords([])).toEqual([]);
  });
});
