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
  keys: number[];
  counts: number[];
  /** FIO_IO_U_PLAT_BITS when present (fio 2.x: keys are bin indexes). */
  bits: number | null;
}

/** Every object that is the value of a `bins` key, depth-first in key order. */
function binsObjects(v: unknown, out: object[]): void {
  if (v === null || typeof v !== 'object') return;
  if (Array.isArray(v)) {
    for (const x of v) binsObjects(x, out);
    return;
  }
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    const x = o[k];
    if (x === null || typeof x !== 'object') continue;
    if (k === 'bins' && !Array.isArray(x)) out.push(x);
    else binsObjects(x, out);
  }
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

/** Parses the `{ "k" : n, … }` block at `i` (a '{'); null when it is not a flat number map. */
function scanBlock(text: string, i: number): RawBins | null {
  return scanBlockAt(text, i)?.bins ?? null;
}

/** scanBlock, and the offset just past the block's '}'. */
function scanBlockAt(text: string, i: number): { bins: RawBins; end: number } | null {
  const keys: number[] = [];
  const counts: number[] = [];
  let bits: number | null = null;
  i++;
  for (;;) {
    while (isSpace(text.charCodeAt(i))) i++;
    const c = text.charCodeAt(i);
    if (c === 125) return { bins: { keys, counts, bits }, end: i + 1 }; // }
    if (c === 44) {
      i++;
      continue;
    }
    if (c !== 34) return null; // "
    const kEnd = text.indexOf('"', i + 1);
    if (kEnd < 0) return null;
    const kStart = i + 1;
    i = kEnd + 1;
    while (isSpace(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) !== 58) return null; // :
    i++;
    while (isSpace(text.charCodeAt(i))) i++;
    const vStart = i;
    while (i < text.length) {
      const d = text.charCodeAt(i);
      if (d === 44 || d === 125 || isSpace(d)) break;
      i++;
    }
    const value = digitsAt(text, vStart, i) ?? Number(text.slice(vStart, i));
    if (!Number.isFinite(value)) return null;
    if (text.charCodeAt(kStart) === 70) {
      // FIO_* entries: only the bin-index width is used
      if (text.startsWith('FIO_IO_U_PLAT_BITS"', kStart)) bits = value;
    } else {
      // Keys are integers (fio 3.x: ns, 2.x: bin index): read in place, no substring.
      keys.push(digitsAt(text, kStart, kEnd) ?? Number(text.slice(kStart, kEnd)));
      counts.push(value);
    }
  }
}

/**
 * The integer written in text[from, to) when it is 1–15 plain digits (exact in a double), else
 * null: the caller then reads it with Number() (the same value, slower) or knows it is a name.
 */
function digitsAt(text: string, from: number, to: number): number | null {
  if (to <= from || to - from > 15) return null;
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    n = n * 10 + d;
  }
  return n;
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

/**
 * JSON.parse of text[start, end) with every `bins` block replaced by `{}`, and the blocks read
 * from the text instead, mapped to the (empty) parsed `bins` objects in document order. The
 * blocks are about two thirds of a json+ report, and integer-keyed objects are the slowest JSON
 * to parse, so this is most of a json+ file's parse time saved (bench section 6). null when a
 * block is not a flat number map, the shortened text does not parse, or the counts disagree: the
 * caller then parses the text as it is and uses scanBins (same answer, slower).
 */
export function parseWithoutBins(
  text: string,
  start: number,
  end: number,
): { value: unknown; bins: Map<object, RawBins> } | null {
  const pieces: string[] = [];
  const blocks: RawBins[] = [];
  let from = start;
  const re = /"bins"\s*:\s*\{/g;
  re.lastIndex = start;
  for (let m = re.exec(text); m && m.index < end; m = re.exec(text)) {
    const open = m.index + m[0].length - 1;
    const block = scanBlockAt(text, open);
    if (!block || block.end > end) return null;
    pieces.push(text.slice(from, open), '{}');
    blocks.push(block.bins);
    from = block.end;
    re.lastIndex = block.end;
  }
  pieces.push(text.slice(from, end));
  let value: unknown;
  try {
    value = JSON.parse(pieces.join('')) as unknown;
  } catch {
    return null;
  }
  const objects: object[] = [];
  binsObjects(value, objects);
  if (objects.length !== blocks.length) return null;
  const bins = new Map<object, RawBins>();
  objects.forEach((o, i) => bins.set(o, blocks[i]!));
  return { value, bins };
}
