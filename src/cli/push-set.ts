/**
 * Sends one set to a team server (`POST /api/sets`, canonical CSV): shared by `aio-dash push`
 * and `aio-dash bench --push`, so both say the same things and exit the same way.
 */
import { recordsToCsv } from '../core/ingest/ingest';
import type { ResultRecord } from '../core/model/record.types';
import type { CliIo } from './cli.types';

/** Reads `--server` / `--push` values: an http(s) URL, or a message saying what is wrong. */
export function parseServerUrl(value: string, option: string): URL | string {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url;
  } catch {
    // not a URL: the message below
  }
  return `${option}: not an http(s) URL: ${value}`;
}

/** stored; refused by the server (not a result set, too large …); server unreachable or token refused. */
export type PushOutcome = 'stored' | 'refused' | 'unreachable';

/**
 * Uploads `records` as one set named `name`. Prints the stored set's id and link on stdout, or
 * why not on stderr (prefixed with `command`).
 */
export async function pushSet(
  server: URL,
  token: string | undefined,
  name: string,
  records: readonly ResultRecord[],
  io: CliIo,
  command: string,
): Promise<PushOutcome> {
  const url = new URL('api/sets', server.href.endsWith('/') ? server.href : server.href + '/');
  url.searchParams.set('name', name);
  url.searchParams.set('file', `${name}.csv`);
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: recordsToCsv(records),
    });
  } catch (e) {
    const cause = e instanceof Error && e.cause instanceof Error ? e.cause.message : String(e);
    io.stderr(`aio-dash ${command}: cannot reach ${server.origin}: ${cause}\n`);
    return 'unreachable';
  }
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { error: text.slice(0, 200) };
  }
  if (res.status === 401 || res.status === 403) {
    io.stderr(`aio-dash ${command}: ${res.status} from ${server.origin}: ${String(body.error)}\n`);
    return 'unreachable';
  }
  if (res.status !== 201) {
    io.stderr(`set "${name}": refused (${res.status}): ${String(body.error)}\n`);
    return 'refused';
  }
  const id = String(body.id);
  const link = new URL(server.href);
  link.search = '';
  link.searchParams.set('set', id);
  io.stdout(
    `set "${String(body.name)}": stored as ${id} (${String(body.records)} records) ${link.href}\n`,
  );
  return 'stored';
}
