/** The natural order of dimension values is a total order (cells sort the same whatever the algorithm). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareValues } from './dimensions';

const value = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.constantFrom(
    '',
    '0',
    ' 1',
    ':',
    '1.5',
    '1.10',
    '1.7a',
    '4096',
    '4k',
    'SSD',
    'ssd',
    '-2',
    '1e3',
  ),
);
const sign = (x: number) => Math.sign(x);

describe('compareValues', () => {
  it('orders numbers numerically, before text, and the empty value last', () => {
    const sorted = ['ssd', '', '65536', ':', '4096', 'HDD', ' 1'].sort(compareValues);
    expect(sorted).toEqual([' 1', '4096', '65536', ':', 'HDD', 'ssd', '']);
  });

  it('is antisymmetric and transitive', () => {
    fc.assert(
      fc.property(value, value, value, (a, b, c) => {
        expect(sign(compareValues(a, b))).toBe(-sign(compareValues(b, a)) || 0);
        if (compareValues(a, b) <= 0 && compareValues(b, c) <= 0)
          expect(compareValues(a, c)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 2000 },
    );
  });
});
