/**
 * Validation of the dimension names and values a link carries (f.<dim>, sel.<dim>, rows, cols,
 * hide, src names): what may come from a tampered URL without breaking the view.
 */
import { ENVIRONMENT_FIELDS } from '../model/record.types';
import type { Dimension } from '../model/record.types';
import type { Result } from '../model/result';
import { fail, ok } from '../model/result';
import { MAX_PIVOT_DIMS } from './url-state.types';

export const MAX_VALUE_LENGTH = 200;
// Control characters have no business in a dimension value and would only hide tampering.
// eslint-disable-next-line no-control-regex
export const CONTROL = /[\u0000-\u001f\u007f]/;
const EXTRA_DIM = /^x:[^\s,][^,]{0,63}$/;

/** Is `s` an environment field or an `x:` extra column name? */
export function parseDimension(s: string): Result<Dimension> {
  if ((ENVIRONMENT_FIELDS as readonly string[]).includes(s)) return ok(s as Dimension);
  if (EXTRA_DIM.test(s) && !CONTROL.test(s)) return ok(s as Dimension);
  return fail(`not a dimension: ${s}`);
}

/** A dimension value: any text without control characters, at most 200 characters ('' allowed). */
export function parseDimensionValue(s: string): Result<string> {
  if (s.length > MAX_VALUE_LENGTH || CONTROL.test(s)) return fail('invalid value');
  return ok(s);
}

/** Comma-separated distinct dimensions, 0..MAX_PIVOT_DIMS of them. */
export function parseDimensionList(s: string): Result<Dimension[]> {
  if (s === '') return ok([]);
  const parts = s.split(',');
  if (parts.length > MAX_PIVOT_DIMS) return fail('too many dimensions');
  const out: Dimension[] = [];
  for (const p of parts) {
    const d = parseDimension(p);
    if (!d.ok) return d;
    if (out.includes(d.value)) return fail('duplicate dimension');
    out.push(d.value);
  }
  return ok(out);
}
