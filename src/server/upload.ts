/**
 * What an upload (POST /api/sets) holds: one result file as the body, or several as
 * multipart/form-data, read into one set by the same core ingest as the CLI and the browser.
 *
 * Multipart bodies are parsed by Node's own WHATWG fetch implementation (undici, inside Node:
 * `new Response(body).formData()`), a maintained parser that Node's fetch itself relies on, rather
 * than by hand: no new dependency, and the boundary handling, header folding and filename quoting
 * are not ours to get wrong. The body has already been read within the size limit (http.ts).
 */
import { ingestBytes } from '../core/ingest/ingest';
import type { RejectedRow, ResultRecord } from '../core/model/record.types';
import type { Result } from '../core/model/result';
import { fail, ok } from '../core/model/result';
import { contentId, sha256Hex } from '../core/sets/content-id';

/** One uploaded file: its name as the client gave it (not yet made safe) and its bytes. */
export interface UploadFile {
  name: string;
  bytes: Uint8Array;
}

/** More parts than this in one upload are refused: a set of a thousand files is already odd. */
export const MAX_UPLOAD_FILES = 1000;

/** Whether a Content-Type names a multipart/form-data body. */
export function isFormData(contentType: string | undefined): boolean {
  return /^multipart\/form-data\s*(;|$)/i.test(contentType ?? '');
}

/**
 * The files of a multipart/form-data body, in order. Text fields are ignored (the set's name
 * comes from the query); a body that does not parse, has no file part or more than `maxFiles`
 * is refused with the reason.
 */
export async function readFormDataFiles(
  body: Uint8Array,
  contentType: string,
  maxFiles = MAX_UPLOAD_FILES,
): Promise<Result<UploadFile[]>> {
  if (!isFormData(contentType)) return fail('not multipart/form-data');
  if (!/;\s*boundary=/i.test(contentType)) return fail('multipart/form-data without a boundary');
  let form: FormData;
  try {
    // A request body is never a SharedArrayBuffer: the view is over a plain ArrayBuffer.
    const bytes = body as Uint8Array<ArrayBuffer>;
    form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData();
  } catch {
    return fail('malformed multipart/form-data body');
  }
  const files: UploadFile[] = [];
  for (const [, value] of form) {
    if (typeof value === 'string') continue;
    if (files.length === maxFiles) return fail(`more than ${maxFiles} files in one upload`);
    files.push({ name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) });
  }
  if (files.length === 0) return fail('multipart/form-data without a file part');
  return ok(files);
}

/** The files of one upload read as one set. */
export interface IngestedUpload {
  records: ResultRecord[];
  accepted: number;
  rejected: RejectedRow[];
  flagged: number;
  /** Each file's notes, prefixed with its name when the upload has several files. */
  notes: string[];
  /** contentId of the files' SHA-256: equal for equal bytes, whatever the names. */
  sha256: string;
  files: string[];
}

/**
 * Ingests every file of an upload into the set `set`. All or nothing: a file that is not a result
 * set refuses the whole upload (the reason names it), as does an upload with no accepted record.
 * `files[i].name` must already be a safe file name (http.ts fileNameOf).
 */
export function ingestUpload(files: readonly UploadFile[], set: string): Result<IngestedUpload> {
  const out: IngestedUpload = {
    records: [],
    accepted: 0,
    rejected: [],
    flagged: 0,
    notes: [],
    sha256: '',
    files: [],
  };
  const digests: string[] = [];
  let read = 0;
  for (const file of files) {
    const ingested = ingestBytes(file.bytes, { fileName: file.name, set });
    const where = files.length > 1 ? `${file.name}: ` : '';
    if (!ingested.ok) return fail(`not a result set: ${where}${ingested.reason}`);
    const { records, report } = ingested.value;
    for (const r of records) out.records.push(r);
    read += report.read;
    out.accepted += report.accepted;
    for (const r of report.rejected) out.rejected.push(r);
    out.flagged += report.flagged;
    for (const n of report.notes) out.notes.push(where + n);
    out.files.push(file.name);
    digests.push(sha256Hex(file.bytes));
  }
  if (out.records.length === 0) return fail(`not a result set: no record accepted (${read} read)`);
  out.sha256 = contentId(digests);
  return ok(out);
}
