/**
 * Bytes → text with encoding detection: BOMs (UTF-8, UTF-16 LE/BE), UTF-16 without BOM (Excel
 * "Unicode text"), then strict UTF-8, then GB18030 (a superset of GBK: Excel CSV on Chinese Windows).
 */
export interface Decoded {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';
  bom: boolean;
}

/** Guesses UTF-16 without BOM from the NUL bytes that ASCII characters leave in one byte lane. */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.2 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.2 && oddZero < pairs * 0.05) return 'utf-16be';
  return null;
}

/** Bytes that decide the encoding: the BOM and the UTF-16 sniff read no further. */
const SNIFF_BYTES = 4096;

/** The encoding decodeBytes picks for a file starting with `head` (all of it when shorter than SNIFF_BYTES). */
function pickEncoding(head: Uint8Array): { encoding: Decoded['encoding'] | null; bom: number } {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
    return { encoding: 'utf-8', bom: 3 };
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe)
    return { encoding: 'utf-16le', bom: 2 };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff)
    return { encoding: 'utf-16be', bom: 2 };
  const utf16 = sniffUtf16(head);
  if (utf16) return { encoding: utf16, bom: 0 };
  return { encoding: null, bom: 0 }; // strict UTF-8, else GB18030
}

/** Decodes a file's bytes; never throws (GB18030 decoding accepts any byte sequence). */
export function decodeBytes(bytes: Uint8Array): Decoded {
  const { encoding, bom } = pickEncoding(bytes);
  if (encoding !== null)
    return { text: new TextDecoder(encoding).decode(bytes.subarray(bom)), encoding, bom: bom > 0 };
  try {
    return {
      text: new TextDecoder('utf-8', { fatal: true }).decode(bytes),
      encoding: 'utf-8',
      bom: false,
    };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030', bom: false };
  }
}

/**
 * decodeBytes for bytes that arrive in pieces (cut anywhere, also inside a UTF-8 or UTF-16
 * sequence): the concatenation of what push and end return is decodeBytes(all).text. The encoding
 * is decided on the first 4096 bytes, as decodeBytes does. A file decodeBytes reads as GB18030 is
 * not known to be one before an invalid UTF-8 sequence: push or end then returns null, and the
 * caller decodes the bytes again from the start with `new StreamDecoder('gb18030')`.
 */
export class StreamDecoder {
  /** Known after the first 4096 bytes (or at the end of a shorter input). */
  encoding: Decoded['encoding'] | null = null;
  bom = false;
  private head: Uint8Array[] = [];
  private headLength = 0;
  private decoder: TextDecoder | null = null;

  constructor(private readonly forced: 'gb18030' | null = null) {}

  /** Text of the bytes so far ('' while the encoding is being decided); null: not UTF-8 (see above). */
  push(bytes: Uint8Array): string | null {
    if (this.decoder !== null) return this.decode(bytes, true);
    this.head.push(bytes);
    this.headLength += bytes.length;
    return this.headLength < SNIFF_BYTES ? '' : this.start(true);
  }

  /** The rest of the text; null: not UTF-8 (see above). */
  end(): string | null {
    if (this.decoder === null) return this.start(false);
    return this.decode(undefined, false);
  }

  private start(stream: boolean): string | null {
    let bytes = this.head.length === 1 ? this.head[0]! : new Uint8Array(this.headLength);
    if (this.head.length > 1) {
      let at = 0;
      for (const h of this.head) {
        bytes.set(h, at);
        at += h.length;
      }
    }
    this.head = [];
    const { encoding, bom } = this.forced ? { encoding: this.forced, bom: 0 } : pickEncoding(bytes);
    this.encoding = encoding ?? 'utf-8';
    this.bom = bom > 0;
    this.decoder =
      encoding === null ? new TextDecoder('utf-8', { fatal: true }) : new TextDecoder(encoding);
    if (bom > 0) bytes = bytes.subarray(bom);
    return this.decode(bytes, stream);
  }

  private decode(bytes: Uint8Array | undefined, stream: boolean): string | null {
    try {
      return this.decoder!.decode(bytes, { stream });
    } catch {
      return null; // only the strict UTF-8 decoder throws
    }
  }
}
