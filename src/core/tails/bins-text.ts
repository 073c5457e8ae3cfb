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
  const keys: number[] = [];
  const counts: number[] = [];
  let bits: number | null = null;
  i++;
  for (;;) {
    while (isSpace(text.charCodeAt(i))) i++;
    const c = text.charCodeAt(i);
    if (c === 125) return { keys, counts, bits }; // }
    if (c === 44) {
      i++;
      continue;
    }
    if (c !== 34) return null; // "
    const kEnd = text.indexOf('"', i + 1);
    if (kEnd < 0) return null;
    const key = text.slice(i + 1, kEnd);
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
    const value = Number(text.slice(vStart, i));
    if (!Number.isFinite(value)) return null;
    if (key === 'FIO_IO_U_PLAT_BITS') bits = value;
    else if (key.charCodeAt(0) !== 70) {
      // not a FIO_* entry
      keys.push(Number(key));
      counts.push(value);
    }
  }
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
