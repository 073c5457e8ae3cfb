/**
 * Validation of columns that come from outside (IndexedDB): never trust stored shapes blindly.
 * validateColumnar checks every column's type, length, dictionary and vocabulary, and fills the
 * number columns that values stored before the spec's second version lack.
 */
import {
  AIO_MODES,
  CACHE_MODES,
  FLAGS,
  FORMATS,
  LAYERS,
  PREALLOCS,
  RW_MODES,
  SOURCES,
  V2_NUMBER_FIELDS,
  NUMBER_FIELDS,
  BOOL_FIELDS,
} from '../core/model/record.types';
import { fail, ok, type Result } from '../core/model/result';
import {
  KNOWN_KEYS,
  STRING_FIELDS,
  type ColumnarRecords,
  type StringColumn,
  type StringField,
} from './record-codec.types';

/**
 * Number columns that values stored before the spec's second version lack: validateColumnar
 * reads such a value with the column all null (the records were read before the fields existed).
 */
const LATER_NUMBER_FIELDS: ReadonlySet<string> = new Set(V2_NUMBER_FIELDS);
/** Vocabulary of the enum fields: a stored or received value outside it is invalid. */
const ENUM_VOCABULARY: Partial<Record<StringField, readonly string[]>> = {
  source: SOURCES,
  format: FORMATS,
  prealloc: PREALLOCS,
  cache: CACHE_MODES,
  aio: AIO_MODES,
  layer: LAYERS,
  rw: RW_MODES,
};
const NON_NULL_STRINGS: ReadonlySet<StringField> = new Set(['set']);

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
const isStringArray = (x: unknown): x is string[] =>
  Array.isArray(x) && x.every((s) => typeof s === 'string');

function checkStringColumn(
  x: unknown,
  n: number,
  name: string,
  nonNull: boolean,
  vocab?: readonly string[],
): string | null {
  if (!isRecord(x)) return `${name}: not a column`;
  const { dict, idx } = x;
  if (!isStringArray(dict)) return `${name}: dictionary is not a list of strings`;
  if (!(idx instanceof Uint32Array) || idx.length !== n)
    return `${name}: index is not a Uint32Array of length ${n}`;
  if (vocab) {
    const bad = dict.find((d) => !vocab.includes(d));
    if (bad !== undefined) return `${name}: "${bad}" is not one of ${vocab.join(', ')}`;
  }
  const max = dict.length;
  for (let i = 0; i < n; i++) {
    const k = idx[i]!;
    if (k > max) return `${name}: index out of range at row ${i}`;
    if (nonNull && k === 0) return `${name}: missing at row ${i}`;
  }
  return null;
}

/** Checks a value read back from storage; returns it typed, or the first problem found. */
export function validateColumnar(x: unknown): Result<ColumnarRecords> {
  if (!isRecord(x)) return fail('records: not an object');
  if (x.v !== 1) return fail(`records: unknown encoding version ${String(x.v)}`);
  const n = x.length;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) return fail('records: bad length');
  const { strings, numbers, bools, flags, extraKeys, extraShapes, extraShape, extraValues, rest } =
    x;
  if (!isRecord(strings) || !isRecord(numbers) || !isRecord(bools))
    return fail('records: missing column groups');
  for (const f of STRING_FIELDS) {
    const problem = checkStringColumn(
      strings[f],
      n,
      f,
      NON_NULL_STRINGS.has(f),
      ENUM_VOCABULARY[f],
    );
    if (problem) return fail(problem);
  }
  let filled: Record<string, Float64Array> | null = null;
  for (const f of NUMBER_FIELDS) {
    const col = numbers[f];
    if (col === undefined && LATER_NUMBER_FIELDS.has(f)) {
      (filled ??= {})[f] = new Float64Array(n).fill(NaN);
      continue;
    }
    if (!(col instanceof Float64Array) || col.length !== n)
      return fail(`${f}: not a Float64Array of length ${n}`);
  }
  for (const f of BOOL_FIELDS) {
    const col = bools[f];
    if (!(col instanceof Int8Array) || col.length !== n)
      return fail(`${f}: not an Int8Array of length ${n}`);
    if (col.some((v) => v < -1 || v > 1)) return fail(`${f}: value out of range`);
  }
  const originProblem = checkStringColumn(x.originPrefix, n, 'origin', true);
  if (originProblem) return fail(originProblem);
  if (!(x.originLine instanceof Uint32Array) || x.originLine.length !== n)
    return fail(`origin: line is not a Uint32Array of length ${n}`);
  const flagProblem = checkStringColumn(flags, n, 'flags', false);
  if (flagProblem) return fail(flagProblem);
  const flagDict = (flags as StringColumn).dict;
  const allowedFlags: readonly string[] = FLAGS;
  const badFlag = flagDict.flatMap((d) => d.split(';')).find((f) => !allowedFlags.includes(f));
  if (badFlag !== undefined) return fail(`flags: unknown flag "${badFlag}"`);
  if (!isStringArray(extraKeys) || new Set(extraKeys).size !== extraKeys.length)
    return fail('extra: bad key list');
  if (!Array.isArray(extraValues) || extraValues.length !== extraKeys.length)
    return fail('extra: value columns do not match keys');
  for (let k = 0; k < extraKeys.length; k++) {
    const problem = checkStringColumn(extraValues[k], n, `extra "${extraKeys[k]}"`, false);
    if (problem) return fail(problem);
  }
  if (
    !Array.isArray(extraShapes) ||
    extraShapes.length === 0 ||
    !extraShapes.every(
      (s) =>
        Array.isArray(s) &&
        s.every(
          (k) => Number.isInteger(k) && (k as number) >= 0 && (k as number) < extraKeys.length,
        ) &&
        new Set(s).size === s.length,
    ) ||
    (extraShapes[0] as unknown[]).length !== 0
  )
    return fail('extra: bad key orders');
  if (!(extraShape instanceof Uint32Array) || extraShape.length !== n)
    return fail('extra: bad shape index');
  const shapes = extraShapes as number[][];
  const values = extraValues as StringColumn[];
  for (let i = 0; i < n; i++) {
    const shape = shapes[extraShape[i]!];
    if (!shape) return fail(`extra: shape out of range at row ${i}`);
    // A value present for a key must be in the record's key order and vice versa.
    let present = 0;
    for (const col of values) if (col.idx[i] !== 0) present++;
    if (present !== shape.length || shape.some((k) => values[k]!.idx[i] === 0))
      return fail(`extra: inconsistent at row ${i}`);
  }
  if (rest !== null && rest !== undefined) {
    if (!Array.isArray(rest) || rest.length !== n || !rest.every((r) => r === null || isRecord(r)))
      return fail('records: bad extension fields');
    const clash = (rest as (Record<string, unknown> | null)[]).find(
      (r) => r && Object.keys(r).some((k) => KNOWN_KEYS.has(k) || k === '__proto__'),
    );
    if (clash) return fail('records: extension fields overwrite known fields');
  }
  return ok({
    ...(x as unknown as ColumnarRecords),
    ...(filled ? { numbers: { ...(numbers as ColumnarRecords['numbers']), ...filled } } : {}),
    rest: (rest as ColumnarRecords['rest']) ?? null,
  });
}
