/**
 * Uploads of several files (multipart/form-data): real fio JSON files from the e2e fixtures,
 * bodies built byte by byte, and hostile bodies (no boundary, a wrong or truncated one, path
 * tricks and control characters in file names, binary content, too many parts).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestBytes } from '../core/ingest/ingest';
import { SERVER_SET_ID } from '../core/url-state/url-state.types';
import { SET_ID } from './store/result-store';
import { ingestUpload, isFormData, readFormDataFiles } from './upload';

const HOST_RUNS = join(__dirname, '../../e2e/fixtures-data/layouts/host-runs');
const hostRuns = readdirSync(HOST_RUNS)
  .sort()
  .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(HOST_RUNS, name))) }));

const B = 'aio-dash-boundary-7f3a';
const CT = `multipart/form-data; boundary=${B}`;

/** A multipart body written out by hand (as a browser's FormData would send it). */
function body(parts: { field?: string; filename?: string; bytes: Uint8Array | string }[]): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const name = p.field ?? 'file';
    const disp =
      p.filename === undefined
        ? `form-data; name="${name}"`
        : `form-data; name="${name}"; filename="${p.filename}"`;
    chunks.push(Buffer.from(`--${B}\r\nContent-Disposition: ${disp}\r\n`));
    if (p.filename !== undefined) chunks.push(Buffer.from('Content-Type: application/json\r\n'));
    chunks.push(Buffer.from('\r\n'), Buffer.from(p.bytes), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${B}--\r\n`));
  return Buffer.concat(chunks);
}

describe('multipart/form-data uploads', () => {
  it('reads every file part byte for byte, in order, and ignores text fields', async () => {
    const binary = new Uint8Array(256).map((_, i) => i); // every byte value, CR LF and '-' too
    const r = await readFormDataFiles(
      body([
        { field: 'note', bytes: 'not a file' },
        ...hostRuns.slice(0, 3).map((f) => ({ filename: f.name, bytes: f.bytes })),
        { filename: 'bin.dat', bytes: binary },
      ]),
      CT,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.map((f) => f.name)).toEqual([
      ...hostRuns.slice(0, 3).map((f) => f.name),
      'bin.dat',
    ]);
    expect(Buffer.from(r.value[0]!.bytes).equals(Buffer.from(hostRuns[0]!.bytes))).toBe(true);
    expect([...r.value[3]!.bytes]).toEqual([...binary]);
  });

  it('reads the files of a set into one set, with the same records as each file read alone', () => {
    const r = ingestUpload(hostRuns, 'host-runs');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const alone = hostRuns.map((f) => ingestBytes(f.bytes, { fileName: f.name, set: 'host-runs' }));
    const records = alone.flatMap((a) => (a.ok ? a.value.records : []));
    expect(r.value.records).toEqual(records);
    expect(r.value.records.length).toBeGreaterThanOrEqual(hostRuns.length);
    expect(r.value.accepted).toBe(records.length);
    expect(r.value.files).toEqual(hostRuns.map((f) => f.name));
    // Content identity: the same bytes under other names or in another order, the same id.
    const shuffled = [...hostRuns]
      .reverse()
      .map((f, i) => ({ name: `x${i}.json`, bytes: f.bytes }));
    const again = ingestUpload(shuffled, 'other');
    expect(again.ok && again.value.sha256).toBe(r.value.sha256);
    expect(r.value.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses the whole upload when one file is not a result set, naming the file', () => {
    const r = ingestUpload(
      [hostRuns[0]!, { name: 'notes.txt', bytes: new TextEncoder().encode('hello\nworld\n') }],
      's',
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/^not a result set: notes\.txt: /);
  });

  it('refuses hostile or broken bodies with a reason, never throwing', async () => {
    const good = body([{ filename: 'a.json', bytes: hostRuns[0]!.bytes }]);
    const cases: [string, Uint8Array, string][] = [
      ['no boundary', good, 'multipart/form-data'],
      ['wrong boundary', good, 'multipart/form-data; boundary=other'],
      ['truncated', good.subarray(0, good.length - 40), CT],
      ['garbage', Buffer.from('\u0000\u0001--\r\n\r\n'), CT],
      ['empty', new Uint8Array(0), CT],
      ['text fields only', body([{ field: 'name', bytes: 'x' }]), CT],
      ['not form-data', good, 'multipart/mixed; boundary=' + B],
      [
        'header without blank line',
        Buffer.from(
          `--${B}\r\nContent-Disposition: form-data; name="f"; filename="a"\r\n--${B}--\r\n`,
        ),
        CT,
      ],
    ];
    for (const [what, bytes, type] of cases) {
      const r = await readFormDataFiles(bytes, type);
      expect(r.ok, what).toBe(false);
      if (!r.ok) expect(r.reason, what).toMatch(/multipart|boundary|file part/);
    }
  });

  it('refuses more parts than the limit', async () => {
    const many = Array.from({ length: 6 }, (_, i) => ({ filename: `f${i}.json`, bytes: '{}' }));
    const r = await readFormDataFiles(body(many), CT, 5);
    expect(r).toEqual({ ok: false, reason: 'more than 5 files in one upload' });
    expect((await readFormDataFiles(body(many.slice(0, 5)), CT, 5)).ok).toBe(true);
  });

  it('hands path tricks in file names over verbatim (http.ts keeps the last segment only)', async () => {
    const r = await readFormDataFiles(
      body([
        { filename: '../../etc/passwd', bytes: '{}' },
        { filename: 'C:\\\\x\\\\y.json', bytes: '{}' },
      ]),
      CT,
    );
    expect(r.ok && r.value.map((f) => f.name)).toEqual(['../../etc/passwd', 'C:\\\\x\\\\y.json']);
  });

  it('tells form-data from other content types', () => {
    expect(isFormData(CT)).toBe(true);
    expect(isFormData('Multipart/Form-Data;boundary=x')).toBe(true);
    expect(isFormData('multipart/form-datax')).toBe(false);
    expect(isFormData('text/csv')).toBe(false);
    expect(isFormData(undefined)).toBe(false);
  });

  it("has the browser's set= pattern equal to the server's id pattern", () => {
    expect(SERVER_SET_ID.source).toBe(SET_ID.source);
    expect(SERVER_SET_ID.flags).toBe(SET_ID.flags);
  });
});
