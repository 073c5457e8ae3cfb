/**
 * json+ histogram bins read from the TEXT of a fio report (the fast path of readFioBins).
 * JSON.parse turns a `bins` object's integer keys into dictionary elements, and reading them back
 * (Object.keys: number → string → number, ~500 a job) cost as much as parsing the whole report;
 * scanning the `"bins" : { "166912" : 1, … }` text is ~10× cheaper. Each `"bins"` block of the
 * text is matched to the parsed `bins` objects in document order (a depth-first walk in key
 * order, which JSON.parse keeps for these objects); when the counts differ the map is empty and
 * readFioBins reads the objects (the plain reference; differential test in bins-text.test.ts).
 */

/** One `bins` block as written: keys (latency or bin index) and counts, in text order. */
export interface RawBins {
  keys: readonly number[] | Float64Array;
  counts: readonly number[] | Float64Array;
  /** FIO_IO_U_PLAT_BITS when present (fio 2.x: keys are bin indexes). */
  bits: number | null;
}

/**
 * Every object that is the value of a `bins` key, depth-first in key order. Values are walked
 * with Object.values (key order, like Object.keys, without making strings of the integer keys of
 * fio's latency_* and iodepth_* maps); the one under `bins` is known by identity.
 */
function binsObjects(v: unknown, out: object[]): void {
  if (v === null || typeof v !== 'object') return;
  if (Array.isArray(v)) {
    for (const x of v) binsObjects(x, out);
    return;
  }
  const o = v as Record<string, unknown>;
  const b = Object.hasOwn(o, 'bins') ? o['bins'] : undefined;
  const bins = b !== null && typeof b === 'object' && !Array.isArray(b) ? b : undefined;
  for (const x of Object.values(o)) {
    if (x === null || typeof x !== 'object') continue;
    if (x === bins) out.push(x);
    else binsObjects(x, out);
  }
}

/** Parses the `{ "k" : n, … }` block at `i` (a '{'); null when it is not a flat number map. */
function scanBlock(text: string, i: number): RawBins | null {
  return scanBlockAt(text, i)?.bins ?? null;
}

/** A JSON number as written (what JSON.parse would accept as a value). */
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * scanBlock, and the offset just past the block's '}': one pass over the characters, keys and
 * counts of plain digits read as they are passed; anything else (names, fractions, exponents) is
 * read by Number() after checking it is a JSON number. Declines (null) what it cannot read
 * exactly as JSON.parse would: a block that is not a flat map of numbers, escapes in a key, and
 * numeric keys that do not strictly ascend (fio writes them ascending; a repeated key would be a
 * duplicate JSON.parse keeps the last of). The reference of scanBlockBytes (which reads fio's own
 * blocks faster), and what reads any block that one does not.
 */
export function scanBlockAt(text: string, open: number): { bins: RawBins; end: number } | null {
  const keys: number[] = [];
  const counts: number[] = [];
  let bits: number | null = null;
  let i = open + 1;
  let c = text.charCodeAt(i);
  for (let first = true; ; first = false) {
    while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++i);
    if (c === 125) return { bins: { keys, counts, bits }, end: i + 1 }; // }
    if (!first) {
      if (c !== 44) return null; // ,
      c = text.charCodeAt(++i);
      while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++i);
    }
    if (c !== 34) return null; // "
    // The key: fio 3.x a latency in ns, 2.x a bin index, or a FIO_* name.
    const kStart = ++i;
    let key = 0;
    c = text.charCodeAt(i);
    while (c >= 48 && c <= 57) {
      key = key * 10 + (c - 48);
      c = text.charCodeAt(++i);
    }
    let name: string | null = null;
    if (c !== 34 || i === kStart || i - kStart > 15) {
      const kEnd = text.indexOf('"', kStart);
      if (kEnd < 0) return null;
      const k = text.slice(kStart, kEnd);
      if (k.includes('\\')) return null;
      if (k.charCodeAt(0) === 70)
        name = k; // F: FIO_* entries
      else key = Number(k);
      i = kEnd;
    }
    c = text.charCodeAt(++i);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++i);
    if (c !== 58) return null; // :
    c = text.charCodeAt(++i);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++i);
    // The value: plain digits in place, else a JSON number read by Number().
    const vStart = i;
    let value = 0;
    while (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      c = text.charCodeAt(++i);
    }
    const plain =
      i > vStart &&
      i - vStart <= 15 &&
      (c === 44 || c === 125 || c === 32 || c === 10 || c === 13 || c === 9) &&
      (i - vStart === 1 || text.charCodeAt(vStart) !== 48);
    if (!plain) {
      while (i < text.length) {
        const d = text.charCodeAt(i);
        if (d === 44 || d === 125 || d === 32 || d === 10 || d === 13 || d === 9) break;
        i++;
      }
      const v = text.slice(vStart, i);
      if (!JSON_NUMBER.test(v)) return null;
      value = Number(v);
      if (!Number.isFinite(value)) return null;
      c = text.charCodeAt(i);
    }
    if (name !== null) {
      // FIO_* entries: only the bin-index width is used
      if (name === 'FIO_IO_U_PLAT_BITS') bits = value;
    } else {
      if (keys.length > 0 && !(key > keys[keys.length - 1]!)) return null;
      keys.push(key);
      counts.push(value);
    }
  }
}

/**
 * What the byte scan of one report reuses from block to block: the encoder, the bytes of the
 * block being read, and the entries of all its blocks (their RawBins are views of these). Made
 * for one report (parseWithoutBins), grown as needed, never shared between calls.
 */
export interface ByteScratch {
  encoder: TextEncoder;
  /** CHUNK + SLACK bytes: the piece of the block being read. */
  bytes: Uint8Array;
  /** The same bytes, read four at a time (runs of spaces). */
  words: DataView;
  keys: Float64Array;
  counts: Float64Array;
  n: number;
}

/**
 * Characters of a block copied to bytes at a time: the scratch holds a piece, not the block
 * (~15 KB in fio's reports), so a report allocates ~12 KB instead of ~26 KB (allocating,
 * zeroing and first touching that memory cost about as much as scanning it).
 */
const CHUNK = 4096;
/** Room past a piece: its sentinel, and 4-byte reads at any byte of the piece. */
const SLACK = 8;

/**
 * A scratch for a report whose first block is `len` characters: its entries (fio: ~28
 * characters a bin) and a piece's bytes in one buffer, one allocation a report.
 */
export function byteScratch(len: number): ByteScratch {
  const cap = Math.ceil(len / 24) + 8;
  const buffer = new ArrayBuffer(16 * cap + CHUNK + SLACK);
  return {
    encoder: new TextEncoder(),
    bytes: new Uint8Array(buffer, 16 * cap),
    words: new DataView(buffer, 16 * cap),
    keys: new Float64Array(buffer, 0, cap),
    counts: new Float64Array(buffer, 8 * cap, cap),
    n: 0,
  };
}

/**
 * Copies the next piece of a block, text[pos, stop), to the scratch's bytes: the rest of the
 * block to its '}' (at `close`) when it fits, else up to CHUNK characters cut just before a ','
 * (written after the piece as a sentinel: the next piece starts with it). The piece's length,
 * or -1 when it is not ASCII or no ',' cuts it (the caller then leaves the block to scanBlockAt).
 */
function nextPiece(text: string, pos: number, close: number, s: ByteScratch): number {
  let stop = close + 1;
  if (stop - pos > CHUNK) {
    stop = text.lastIndexOf(',', pos + CHUNK - 1);
    if (stop <= pos) return -1;
  }
  const len = stop - pos;
  const { read, written } = s.encoder.encodeInto(text.slice(pos, stop), s.bytes);
  if (read !== len || written !== len) return -1; // not ASCII
  s.bytes[len] = 44; // ,
  return len;
}

/**
 * scanBlockAt for a block exactly as fio writes it (the fast path of the fast path): keys and
 * counts of plain digits (up to 15), any JSON whitespace, ASCII only. The block (to its first
 * '}') is copied to bytes with encodeInto, a piece at a time, and read as bytes, about twice as
 * fast as charCodeAt over the string, and the entries go into the report's scratch (no array a
 * block). null when the block is anything else (names of fio 2.x, fractions, escapes,
 * non-ASCII, a repeated key…): scanBlockAt then reads it, which also declines what JSON.parse
 * would read differently. Differential test against scanBlockAt in bins-text.test.ts.
 */
export function scanBlockBytes(
  text: string,
  open: number,
  s: ByteScratch,
): { bins: RawBins; end: number } | null {
  const close = text.indexOf('}', open);
  if (close < 0) return null;
  const b = s.bytes;
  const w = s.words;
  let pos = open;
  let len = nextPiece(text, pos, close, s);
  if (len < 0) return null;
  // Every loop below stops at the piece's last byte: the '}' of the block, or the sentinel ','
  // after it, which only the check before a key takes for the start of the next piece. Past
  // it nothing is read but the 4-byte words of space runs, and a word holding it is not all
  // spaces.
  const n0 = s.n;
  let n = n0;
  let keys = s.keys;
  let counts = s.counts;
  let i = 0;
  let c = 32;
  for (let first = true; ; first = false) {
    // Before a key: a newline and fio's indent, its spaces four at a time.
    while (c === 32 || c === 10 || c === 13 || c === 9) {
      c = b[++i]!;
      if (c === 32) {
        while (w.getUint32(i) === 0x20202020) i += 4;
        c = b[i]!;
      }
    }
    if (c === 125) break; // }
    if (!first) {
      if (c !== 44) return null; // ,
      if (i === len) {
        // The sentinel: the next piece starts with this ','.
        pos += len;
        len = nextPiece(text, pos, close, s);
        if (len < 0) return null;
        i = 0;
      }
      c = 32;
      while (c === 32 || c === 10 || c === 13 || c === 9) {
        c = b[++i]!;
        if (c === 32) {
          while (w.getUint32(i) === 0x20202020) i += 4;
          c = b[i]!;
        }
      }
    }
    if (c !== 34) return null; // "
    const kStart = ++i;
    let key = 0;
    // fio's keys are latencies of 4-9 digits: the first four in one word when all are digits
    // (ASCII: no byte carries into another; a word holding the piece's last byte never is).
    let x = w.getUint32(i);
    if ((x & 0xf0f0f0f0) === 0x30303030 && ((x + 0x06060606) & 0xf0f0f0f0) === 0x30303030) {
      x -= 0x30303030;
      key = (x >>> 24) * 1000 + ((x >>> 16) & 0xff) * 100 + ((x >>> 8) & 0xff) * 10 + (x & 0xff);
      i += 4;
    }
    c = b[i]!;
    while (c >= 48 && c <= 57) {
      key = key * 10 + (c - 48);
      c = b[++i]!;
    }
    if (c !== 34 || i === kStart || i - kStart > 15) return null;
    if (w.getUint32(i) === 0x22203a20) {
      // `" : ` as fio writes it, in one read (a word holding the piece's last byte never is).
      i += 4;
      c = b[i]!;
    } else {
      c = b[++i]!;
      while (c === 32 || c === 10 || c === 13 || c === 9) c = b[++i]!;
      if (c !== 58) return null; // :
      c = b[++i]!;
      while (c === 32 || c === 10 || c === 13 || c === 9) c = b[++i]!;
    }
    const vStart = i;
    let value = 0;
    while (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      c = b[++i]!;
    }
    if (i === vStart || i - vStart > 15 || (i - vStart > 1 && b[vStart] === 48)) return null;
    if (!(c === 44 || c === 125 || c === 32 || c === 10 || c === 13 || c === 9)) return null;
    if (n > n0 && !(key > keys[n - 1]!)) return null;
    if (n === keys.length) {
      const cap = 2 * n + 16;
      const entries = new ArrayBuffer(16 * cap);
      const k = new Float64Array(entries, 0, cap);
      const v = new Float64Array(entries, 8 * cap, cap);
      k.set(keys);
      v.set(counts);
      keys = k;
      counts = v;
    }
    keys[n] = key;
    counts[n++] = value;
  }
  s.keys = keys;
  s.counts = counts;
  s.n = n;
  return {
    bins: { keys: keys.subarray(n0, n), counts: counts.subarray(n0, n), bits: null },
    end: close + 1,
  };
}

/**
 * The bins of a parsed fio report, read from its text [start, end): parsed `bins` object →
 * its RawBins. Empty when the text and the parsed value disagree on the number of blocks.
 */
export function scanBins(
  text: string,
  start: number,
  end: number,
  parsed: unknown,
): Map<object, RawBins> {
  const out = new Map<object, RawBins>();
  if (text.indexOf('"bins"', start) < 0) return out;
  const objects: object[] = [];
  binsObjects(parsed, objects);
  const blocks: RawBins[] = [];
  const re = /"bins"\s*:\s*\{/g;
  re.lastIndex = start;
  for (let m = re.exec(text); m && m.index < end; m = re.exec(text)) {
    const b = scanBlock(text, m.index + m[0].length - 1);
    if (!b) return out;
    blocks.push(b);
  }
  if (blocks.length !== objects.length) return out;
  objects.forEach((o, i) => out.set(o, blocks[i]!));
  return out;
}

/** The bins read from a report's text, by the parsed `bins` object they stand for. */
export interface ScannedBins {
  get(bins: object): RawBins | undefined;
  readonly size: number;
}

/**
 * The key of the object that stands for block i in the shortened text: `{"\u0000":i}`. A parsed
 * object can only have this key from an escape (JSON allows no raw control character in a
 * string), so in a text without a backslash only these objects have it.
 */
const MARK = '\u0000';

/**
 * Offset of the '{' of the next `"bins" : {` at or after `from` whose `"bins"` starts before
 * `end`, or -1. indexOf of `bins"` (as nextFioVersion in fio.objects.ts: indexOf scans for a
 * pattern's first character, and '"' opens every key and string), then the quote before it and
 * JSON whitespace, ':' and '{' after it checked.
 */
export function nextBinsBlock(text: string, from: number, end: number): number {
  for (
    let i = text.indexOf('bins"', from + 1);
    i > 0 && i <= end;
    i = text.indexOf('bins"', i + 1)
  ) {
    if (text.charCodeAt(i - 1) !== 34) continue;
    let j = i + 5;
    let c = text.charCodeAt(j);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++j);
    if (c !== 58) continue; // :
    c = text.charCodeAt(++j);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++j);
    if (c === 123) return j; // {
  }
  return -1;
}

/**
 * JSON.parse of text[start, end) with every `bins` block replaced by a small object, and the
 * blocks read from the text instead. The blocks are about two thirds of a json+ report, and
 * integer-keyed objects are the slowest JSON to parse, so this is most of a json+ file's parse
 * time saved (bench section 6). Without a backslash in the text, block i is replaced by
 * `{"\u0000":i}` (MARK), so each parsed `bins` object names its block itself: no walk of the
 * parsed value, and a repeated `bins` key reads as JSON.parse reads it (the last). With one,
 * blocks become `{}` and are paired with the parsed `bins` objects in document order (a walk;
 * the counts must agree). `first`: the first block's '{' when the caller found it
 * (nextBinsBlock). null when a block is not a flat number map, the shortened text does not parse,
 * or the counts disagree: the caller then parses the text as it is and uses scanBins (same
 * answer, slower).
 */
export function parseWithoutBins(
  text: string,
  start: number,
  end: number,
  first = nextBinsBlock(text, start, end),
): { value: unknown; bins: ScannedBins } | null {
  const backslash = text.indexOf('\\', start);
  const marked = backslash < 0 || backslash >= end;
  const pieces: string[] = [];
  const blocks: RawBins[] = [];
  let from = start;
  let scratch: ByteScratch | null = null;
  for (let open = first; open >= 0; open = nextBinsBlock(text, from, end)) {
    scratch ??= byteScratch(Math.max(0, text.indexOf('}', open) + 1 - open));
    const block = scanBlockBytes(text, open, scratch) ?? scanBlockAt(text, open);
    if (!block || block.end > end) return null;
    pieces.push(text.slice(from, open), marked ? `{"\\u0000":${blocks.length}}` : '{}');
    blocks.push(block.bins);
    from = block.end;
  }
  pieces.push(text.slice(from, end));
  const rest = pieces.join('');
  let value: unknown;
  try {
    value = JSON.parse(rest) as unknown;
  } catch {
    return null;
  }
  if (marked) {
    const get = (o: object): RawBins | undefined => {
      const i = Object.hasOwn(o, MARK) ? (o as Record<string, unknown>)[MARK] : undefined;
      return typeof i === 'number' ? blocks[i] : undefined;
    };
    return { value, bins: { get, size: blocks.length } };
  }
  // With a backslash, keys may be escaped and a `"bins" : {` may sit in a string: the whole value
  // is walked and the counts must agree.
  const objects: object[] = [];
  binsObjects(value, objects);
  if (objects.length !== blocks.length) return null;
  const bins = new Map<object, RawBins>();
  objects.forEach((o, i) => bins.set(o, blocks[i]!));
  return { value, bins };
}
