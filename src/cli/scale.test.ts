/**
 * The command line at any size (issue 11): 1,000,000 records through `aio-dash ingest` and
 * 200,000 through `aio-dash compare`, streamed from files written here, without a stack overflow
 * (no large array is spread into a call) and with every record accounted for.
 */
import { createReadStream, mkdtempSync, openSync, closeSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from './main';

const dir = mkdtempSync(join(tmpdir(), 'aio-scale-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const AIO = ['threads', 'native'];
const MEDIA = ['HDD', 'SSD', 'NVMe'];

/**
 * Writes `rows` result rows: cells of medium × rw × iodepth × numjobs, each measured with every
 * aio mode and `repeats` runs; latency follows Little's law so no row is flagged.
 */
function writeResults(file: string, rows: number, repeats: number): void {
  const fd = openSync(file, 'w');
  writeSync(fd, 'storage,medium,aio,rw,bs,iodepth,numjobs,run,iops,lat_mean_us\n');
  let lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const run = i % repeats;
    const aio = AIO[Math.floor(i / repeats) % AIO.length]!;
    const cell = Math.floor(i / (repeats * AIO.length));
    const medium = MEDIA[cell % MEDIA.length]!;
    const rw = Math.floor(cell / 3) % 2 === 0 ? 'randread' : 'randwrite';
    const iodepth = 1 + (Math.floor(cell / 6) % 256);
    const numjobs = 1 + Math.floor(cell / (6 * 256));
    const iops = (aio === 'native' ? 1100 : 1000) + run * 7 + (cell % 97);
    const lat = ((iodepth * numjobs * 1e6) / iops).toFixed(2);
    lines.push(
      `LocalStorage,${medium},${aio},${rw},4096,${iodepth},${numjobs},r${run},${iops},${lat}`,
    );
    if (lines.length === 20000) {
      writeSync(fd, lines.join('\n') + '\n');
      lines = [];
    }
  }
  if (lines.length > 0) writeSync(fd, lines.join('\n') + '\n');
  closeSync(fd);
}

/** Newlines in a file, counted while streaming it. */
async function countLines(file: string): Promise<number> {
  let n = 0;
  for await (const piece of createReadStream(file) as AsyncIterable<Buffer>)
    for (let at = piece.indexOf(10); at >= 0; at = piece.indexOf(10, at + 1)) n++;
  return n;
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), cwd: dir },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

describe('the command line at any size', () => {
  it('ingest: 1,000,000 records, every one written', { timeout: 120_000 }, async () => {
    const rows = 1_000_000;
    writeResults(join(dir, 'million.csv'), rows, 5);
    const c = capture();
    expect(await main(['ingest', 'million.csv', '-o', 'million.out.csv'], c.io)).toBe(0);
    expect(c.err()).toBe(`million.csv: ${rows} read, ${rows} accepted, 0 rejected, 0 flagged\n`);
    expect(await countLines(join(dir, 'million.out.csv'))).toBe(rows + 1);
    rmSync(join(dir, 'million.csv'));
    rmSync(join(dir, 'million.out.csv'));
  });

  it('compare: 200,000 records pair into cells with every record counted', async () => {
    const rows = 200_000;
    const repeats = 5;
    writeResults(join(dir, 'compare.csv'), rows, repeats);
    const c = capture();
    expect(await main(['compare', 'compare.csv', '--format', 'csv'], c.io)).toBe(0);
    const cells = rows / (repeats * AIO.length);
    expect(c.err()).toContain(
      `compare: ${rows} records = ${rows} paired + 0 unpaired + 0 out of scope; ${cells} cells`,
    );
    const lines = c.out().trimEnd().split('\n');
    expect(lines).toHaveLength(cells + 1);
    expect(lines.filter((l) => l.includes(',improvement,'))).toHaveLength(cells);
    rmSync(join(dir, 'compare.csv'));
  }, 120_000);
});
