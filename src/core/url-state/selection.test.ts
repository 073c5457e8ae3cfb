import { describe, expect, it } from 'vitest';
import { inSelection, sameSelection, selectionOf } from './selection';

describe('selection', () => {
  it('builds a selection from row and column keys, missing values as empty', () => {
    expect(selectionOf(['storage', 'medium'], ['LocalStorage'], ['rw'], ['randread'])).toEqual({
      storage: 'LocalStorage',
      medium: '',
      rw: 'randread',
    });
  });

  it('is equal only with the same dimensions and values', () => {
    expect(sameSelection({ rw: 'read', medium: 'SSD' }, { medium: 'SSD', rw: 'read' })).toBe(true);
    expect(sameSelection({ rw: 'read' }, { rw: 'read', medium: 'SSD' })).toBe(false);
    expect(sameSelection({ rw: 'read', medium: 'SSD' }, { rw: 'read' })).toBe(false);
    expect(sameSelection({ rw: 'read' }, { rw: 'write' })).toBe(false);
    expect(sameSelection(null, {})).toBe(false);
  });

  it('finds the comparison cells inside a selection; a missing field matches only an empty value', () => {
    expect(inSelection({ rw: 'read', medium: 'SSD' }, { rw: 'read' })).toBe(true);
    expect(inSelection({ rw: 'read' }, { rw: 'read', medium: '' })).toBe(true);
    expect(inSelection({ rw: 'read' }, { rw: 'read', medium: 'SSD' })).toBe(false);
  });
});
