/**
 * The record codec's shape: which record fields are string, number and boolean columns, and the
 * ColumnarRecords value that the encoder writes, the decoder reads and validateColumnar checks
 * (see record-codec.ts for the encoding and why it exists).
 */
import {
  CANONICAL_COLUMNS,
  NUMBER_FIELDS,
  BOOL_FIELDS,
  type BoolField,
  type NumberField,
  type CanonicalColumn,
  type ResultRecord,
} from '../core/model/record.types';

/** Every other canonical column holds a string (free text or an enum's value), as does `restates`. */
export type StringField =
  Exclude<CanonicalColumn, NumberField | BoolField | 'flags' | 'origin'> | 'restates';
const NOT_STRINGS: ReadonlySet<string> = new Set([
  ...NUMBER_FIELDS,
  ...BOOL_FIELDS,
  'flags',
  'origin',
]);
export const STRING_FIELDS: readonly StringField[] = [
  ...CANONICAL_COLUMNS.filter((f): f is Exclude<StringField, 'restates'> => !NOT_STRINGS.has(f)),
  'restates',
];
// `tail` (typed arrays, issue 15) is deliberately not a column: it travels in `rest`, and
// structured clone (postMessage, IndexedDB) keeps its typed arrays as they are.
type Covered = StringField | NumberField | BoolField | 'origin' | 'flags' | 'extra' | 'tail';
// Compile-time guard: a field added to ResultRecord must be added here too, or typecheck fails.
// (At run time, unknown own properties still travel, in `rest`, so nothing is lost meanwhile.)
const _allFieldsCovered: [Exclude<keyof ResultRecord, Covered>] extends [never] ? true : never =
  true;
export const KNOWN_KEYS: ReadonlySet<string> = new Set<string>([
  ...STRING_FIELDS,
  ...NUMBER_FIELDS,
  ...BOOL_FIELDS,
  'origin',
  'flags',
  'extra',
]);

/** Dictionary-encoded string column: idx[i] = 0 means null, k means dict[k - 1]. */
export interface StringColumn {
  dict: string[];
  idx: Uint32Array;
}

export interface ColumnarRecords {
  /** Encoding version, checked when reading back from storage. */
  v: 1;
  length: number;
  strings: Record<StringField, StringColumn>;
  numbers: Record<NumberField, Float64Array>;
  bools: Record<BoolField, Int8Array>;
  /**
   * `origin` split as "PREFIX:LINE" (line 1..2^32-1 without leading zeros; 0 = the prefix is the
   * whole origin, e.g. "file.json#jobs[0]"): 100k unique origins become one prefix and a
   * Uint32Array instead of 100k strings to clone.
   */
  originPrefix: StringColumn;
  originLine: Uint32Array;
  /** ';'-joined flag lists; idx 0 = no flags. */
  flags: StringColumn;
  extraKeys: string[];
  /** Distinct key orders of `extra`, as indexes into extraKeys; shape 0 is always []. */
  extraShapes: number[][];
  extraShape: Uint32Array;
  /** One column per extra key (same order as extraKeys); idx 0 = key absent. */
  extraValues: StringColumn[];
  /** Own properties outside the known record fields, per record (null when none at all). */
  rest: (Record<string, unknown> | null)[] | null;
}
