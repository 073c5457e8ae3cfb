/**
 * Integer keys of the columnar engine: the 2^52 bound of exact mixed-radix keys, grouping of float
 * keys by open addressing, and the allocation-free key set and key map compare() hashes with.
 */

/** Mixed-radix keys stay exact integers below this bound. */
export const SAFE = 2 ** 52;
/**
 * Groups of equal float keys (exact integers < 2^53) by open addressing: dense group ids in
 * order of first appearance, the first row and the key of every group. A Map<number, …> boxes
 * every key above 2^31 as a heap number; this table does not allocate per row.
 */
export function groupKeys(keys: Float64Array): {
  groupOf: Int32Array;
  count: number;
  firstRow: Int32Array;
  keyOf: Float64Array;
} {
  const n = keys.length;
  let size = 16;
  while (size < n * 2) size *= 2;
  const mask = size - 1;
  const slotKey = new Float64Array(size);
  const slotId = new Int32Array(size).fill(-1);
  const groupOf = new Int32Array(n);
  const first: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = keys[i]!;
    let h = hashKey(k) & mask;
    for (;;) {
      const id = slotId[h]!;
      if (id < 0) {
        slotId[h] = first.length;
        slotKey[h] = k;
        groupOf[i] = first.length;
        first.push(i);
        break;
      }
      if (slotKey[h] === k) {
        groupOf[i] = id;
        break;
      }
      h = (h + 1) & mask;
    }
  }
  const firstRow = Int32Array.from(first);
  const keyOf = new Float64Array(first.length);
  for (let g = 0; g < first.length; g++) keyOf[g] = keys[first[g]!]!;
  return { groupOf, count: first.length, firstRow, keyOf };
}

/** Hash of an exact integer below 2^53 (for open-addressing tables). */
export function hashKey(k: number): number {
  const lo = k >>> 0; // k mod 2^32 (ToUint32), without a floating-point modulo
  const hi = (k / 4294967296) | 0;
  let h = Math.imul(lo ^ Math.imul(hi, 0x27d4eb2d), 0x9e3779b1);
  h ^= h >>> 15;
  return Math.imul(h, 0x85ebca6b) ^ (h >>> 13);
}

/** A set of numeric (or, beyond 2^52, string) keys. */
export class KeySet {
  private readonly table = new KeyMap();
  add(k: number | string): void {
    if (this.table.get(k) === undefined) this.table.set(k, 1);
  }
  has(k: number | string): boolean {
    return this.table.get(k) !== undefined;
  }
}

/**
 * Map from keys to small integers: numbers (exact integers < 2^53) in an open-addressing table
 * (a Map<number> boxes every key above 2^31), strings in a Map.
 */
export class KeyMap {
  private keys: Float64Array;
  private values: Int32Array;
  private size = 0;
  private strings: Map<string, number> | null = null;

  /** `expected`: number of keys expected (sizes the table once). */
  constructor(expected = 0) {
    let size = 64;
    while (size < expected * 2) size *= 2;
    this.keys = new Float64Array(size);
    this.values = new Int32Array(size).fill(-1);
  }

  get(k: number | string): number | undefined {
    if (typeof k === 'string') return this.strings?.get(k);
    const mask = this.keys.length - 1;
    for (let h = hashKey(k) & mask; ; h = (h + 1) & mask) {
      const v = this.values[h]!;
      if (v < 0) return undefined;
      if (this.keys[h] === k) return v;
    }
  }

  set(k: number | string, value: number): void {
    if (typeof k === 'string') {
      (this.strings ??= new Map()).set(k, value);
      return;
    }
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    for (let h = hashKey(k) & mask; ; h = (h + 1) & mask) {
      if (this.values[h]! < 0) {
        this.keys[h] = k;
        this.values[h] = value;
        this.size++;
        return;
      }
      if (this.keys[h] === k) {
        this.values[h] = value;
        return;
      }
    }
  }

  private grow(): void {
    const keys = this.keys;
    const values = this.values;
    this.keys = new Float64Array(keys.length * 2);
    this.values = new Int32Array(keys.length * 2).fill(-1);
    this.size = 0;
    for (let i = 0; i < keys.length; i++) if (values[i]! >= 0) this.set(keys[i]!, values[i]!);
  }
}
