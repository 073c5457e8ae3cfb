/**
 * Column mapping of table inputs (CSV/TSV, markdown, JSON records): what each column of a file
 * means, how that was decided, and the user's explicit choices (`--map HEADER=FIELD`, the mapping
 * dialog). Contract B/G of the helpers' CONTRACTS.md. Pure.
 *
 * How a column is mapped (table.import.ts planColumns), strongest first:
 *   explicit  the ColumnMap names its header (field, extra column NAME, or ignore)
 *   exact     the header is a field's own name ("iops", "Lat_Mean_us")
 *   synonym   the header is a word of the vocabulary (vocab.ts: "Queue depth", "队列深度",
 *             "Avg lat (ms)" with its unit); an ambiguous word ("Mode", "Backend", "Engine") whose
 *             values all belong to another enum field's vocabulary maps there instead ('values')
 *   values    no header names a field, and every non-empty value belongs to exactly one enum
 *             field's vocabulary (threads/native/io_uring → aio); never a numeric column, never two
 *             columns to one field
 *   unknown   kept as an extra column under its header as written (never renamed)
 */
import type { Result } from '../model/result';
import { fail, ok } from '../model/result';
import type { InputFormat } from './ingest.types';
import { ingestText } from './ingest';
import type { TableField } from './vocab';
import { matchHeader } from './vocab.headers';
import { TABLE_FIELDS } from './vocab';

export type ColumnChoice =
  { kind: 'field'; field: TableField } | { kind: 'extra'; name: string } | { kind: 'ignore' };

/** Header as written in the file (matched case-insensitively, trimmed) → choice. */
export type ColumnMap = Readonly<Record<string, ColumnChoice>>;

/** How one column of a table input was mapped. */
export interface ColumnInference {
  /** 0-based column index. */
  column: number;
  /** The column's header as written ('' when the column has none). */
  header: string;
  choice: ColumnChoice;
  how: 'exact' | 'synonym' | 'values' | 'explicit' | 'unknown';
  /** Up to 5 distinct non-empty sample values. */
  values: string[];
}

const TABLE_FIELD_SET: ReadonlySet<string> = new Set(TABLE_FIELDS);

/** The choice a right-hand side names: '' ignore, 'x:NAME' extra, else a field (or a synonym). */
function parseChoice(rhs: string): ColumnChoice | string {
  const v = rhs.trim();
  if (v === '') return { kind: 'ignore' };
  if (/^x:/i.test(v)) {
    const name = v.slice(2).trim();
    return name === '' ? 'x: needs a column name (HEADER=x:NAME)' : { kind: 'extra', name };
  }
  if (TABLE_FIELD_SET.has(v)) return { kind: 'field', field: v as TableField };
  const m = matchHeader(v).field;
  if (m !== null) return { kind: 'field', field: m };
  return `'${v}' is not a field (one of ${TABLE_FIELDS.join(', ')}), x:NAME or empty`;
}

/**
 * Parses `--map` specs: 'HEADER=FIELD' (a canonical field name or a vocabulary word), 'HEADER='
 * (ignore the column), 'HEADER=x:NAME' (keep it as extra column NAME). The header may itself
 * contain '=': the last '=' whose right-hand side is a valid choice splits it.
 * Fails on a spec without '=', an empty header, a header given twice (case-insensitively) or two
 * headers mapped to one field.
 */
export function parseColumnMap(specs: readonly string[]): Result<ColumnMap> {
  const out: Record<string, ColumnChoice> = {};
  const seen = new Map<string, string>();
  const fields = new Map<TableField, string>();
  for (const spec of specs) {
    let choice: ColumnChoice | null = null;
    let header = '';
    let problem = `--map ${spec}: expected HEADER=FIELD, HEADER= or HEADER=x:NAME`;
    for (let at = spec.lastIndexOf('='); at >= 0; at = spec.lastIndexOf('=', at - 1)) {
      const c = parseChoice(spec.slice(at + 1));
      if (typeof c === 'string') {
        problem = `--map ${spec}: ${c}`;
        if (at === 0) break;
        continue;
      }
      choice = c;
      header = spec.slice(0, at).trim();
      break;
    }
    if (choice === null) return fail(problem);
    if (header === '') return fail(`--map ${spec}: the header before '=' is empty`);
    const key = header.toLowerCase();
    const before = seen.get(key);
    if (before !== undefined) return fail(`--map ${spec}: header '${before}' is mapped twice`);
    seen.set(key, header);
    if (choice.kind === 'field') {
      const other = fields.get(choice.field);
      if (other !== undefined)
        return fail(
          `--map ${spec}: '${other}' is already mapped to ${choice.field} (one column per field)`,
        );
      fields.set(choice.field, header);
    }
    out[header] = choice;
  }
  return ok(out);
}

export { describeInference } from './column-describe';

/** Joins the headers of a signature (a header holding it has it replaced by a space). */
const UNIT_SEPARATOR = '\u001f';

/**
 * A header row's identity, for remembering a mapping for the next file with the same header
 * row: the headers trimmed, lower case, in order. Equal rows give equal signatures; the exact
 * text is kept (no hash), so two different rows never share one.
 */
export function headerSignature(headers: readonly string[]): string {
  return `h1:${headers.length}:${headers
    .map((h) => h.trim().toLowerCase().split(UNIT_SEPARATOR).join(' '))
    .join(UNIT_SEPARATOR)}`;
}

/** Data rows shown by previewColumns. */
const PREVIEW_ROWS = 5;
/** previewColumns reads at most this many characters of a delimited text (a few hundred rows). */
const PREVIEW_CHARS = 256 * 1024;

/**
 * The columns of a table input as a mapping dialog shows them: the header row and the first
 * ≤5 data rows (`rows[0]` is the header row), and how each column maps — with `map` applied, by
 * the same code that loads the file. Fails when the text is not a table input (fio JSON, or not
 * a result set at all). A large delimited text is read from its first 256 KiB only.
 */
export function previewColumns(
  text: string,
  opts: { fileName: string; map?: ColumnMap },
): Result<{ format: InputFormat; columns: ColumnInference[]; rows: string[][] }> {
  let head = text;
  if (text.length > PREVIEW_CHARS) {
    const cut = text.lastIndexOf('\n', PREVIEW_CHARS);
    head = cut > 0 ? text.slice(0, cut + 1) : text;
  }
  const rows: string[][] = [];
  const r = ingestText(head, {
    fileName: opts.fileName,
    ...(opts.map ? { map: opts.map } : {}),
    previewRows: { rows, max: PREVIEW_ROWS },
  });
  // A cut JSON document does not parse: read JSON whole (it is parsed whole anyway).
  const outcome =
    !r.ok && head !== text
      ? ingestText(text, {
          fileName: opts.fileName,
          ...(opts.map ? { map: opts.map } : {}),
          previewRows: { rows: ((rows.length = 0), rows), max: PREVIEW_ROWS },
        })
      : r;
  if (!outcome.ok) return outcome;
  const { report } = outcome.value;
  const format = report.format as InputFormat;
  if (report.columns === undefined)
    return fail(`${opts.fileName}: ${format} has no columns to map (only tables do)`);
  return ok({ format, columns: report.columns, rows });
}
