/**
 * Gzip for the team server's large answers (cells, comparisons, a set's records), to a client
 * that takes it: browsers on other desks, where 71 MB of cells or 200 MB of records would take
 * seconds on the wire. Level 1, measured on this machine: 71 MB of cells JSON → 18.5 MB in
 * 650 ms (level 6: 16.2 MB in 1.1 s); the numbers in the answers compress little more above it.
 * Also how such answers are written while they are made (streamAnswer, jsonArrayPieces).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { createGzip, gzip } from 'node:zlib';
import type { Gzip } from 'node:zlib';

/** Whether the client takes a gzip body: Accept-Encoding names gzip or *, without q=0. */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (name.trim() !== 'gzip' && name.trim() !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

const OPTIONS = { level: 1 };

/** The headers of a gzipped answer (added to its own). */
export const GZIP_HEADERS = { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' } as const;

/** `text` gzipped, off the event loop (zlib's thread pool). */
export const gzipText = (text: string): Promise<Buffer> => promisify(gzip)(text, OPTIONS);

/** A gzip stream for an answer written as it is made. */
const gzipStream = (): Gzip => createGzip(OPTIONS);

/**
 * Writes `pieces` as the body of a 200 answer with `headers`, gzipped when the client takes it,
 * as they are made: waiting while the socket (or the gzip stream) is full, and stopping when
 * the client leaves (the generator is then closed, so it can release what it holds).
 */
export async function streamAnswer(
  req: IncomingMessage,
  res: ServerResponse,
  headers: Record<string, string>,
  pieces: Iterable<string> | AsyncIterable<string>,
): Promise<void> {
  const zipped = acceptsGzip(req.headers['accept-encoding']);
  res.writeHead(200, zipped ? { ...headers, ...GZIP_HEADERS } : headers);
  const out: Writable = zipped ? gzipStream() : res;
  if (out !== res) out.pipe(res);
  for await (const piece of pieces) {
    if (out.write(piece)) continue;
    await new Promise<void>((go) => {
      const done = () => {
        out.off('drain', done);
        res.off('close', done);
        go();
      };
      out.on('drain', done);
      res.on('close', done);
    });
    if (res.destroyed) {
      if (out !== res) out.destroy();
      return;
    }
  }
  out.end();
}

/**
 * `JSON.stringify` of an array of `length` items in pieces of `per` items, `slice(from, to)`
 * making each piece's items when it is written: neither every item nor the whole text is held
 * at once (the text of 1M records is longer than V8's longest string).
 */
export function* jsonArrayPieces(
  length: number,
  per: number,
  slice: (from: number, to: number) => unknown[],
): Generator<string> {
  yield '[';
  for (let from = 0; from < length; from += per) {
    const text = JSON.stringify(slice(from, Math.min(from + per, length)));
    yield (from === 0 ? '' : ',') + text.slice(1, -1);
  }
  yield ']';
}
