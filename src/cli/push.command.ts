import { recordsToCsv } from '../core/ingest/ingest';
import type { CliCommand } from './cli.types';
import { EXIT_INPUT, EXIT_OK } from './cli.types';
import { readArgs, usageError } from './args';
import {
  LOAD_HELP,
  LOAD_SYNOPSIS,
  checkLoadArgs,
  loadSets,
  newLoadArgs,
  readLoadOption,
} from './load-records';

/** Exit code of the spec: the server cannot be reached, or refused the token. */
export const EXIT_UNREACHABLE = 3;

const USAGE = `aio-dash push FILE|DIR... --server URL [--token T] ${LOAD_SYNOPSIS}`;
const HELP = `${USAGE}
  Sends result files to a team server's store (aio-dash serve): the files are loaded into sets
  exactly as by 'aio-dash ingest' (accounting on stderr), and each set is uploaded as its
  canonical CSV in one request, stored whole or not at all. Prints, per set, its new id and link.
  --token T: the server's write token (default: the AIO_DASH_TOKEN environment variable).
${LOAD_HELP}
  Exit 0: every set stored; 1: a file unreadable or not a result set, or a set refused by the
  server; 2: usage error; 3: server unreachable, or the token missing or wrong (401).`;

export const pushCommand: CliCommand = {
  name: 'push',
  summary: "send result files to a team server's store",
  usage: HELP,
  async run(argv, io) {
    let server: string | undefined;
    let token = process.env.AIO_DASH_TOKEN;
    const load = newLoadArgs();
    const files = readArgs(argv, (name, value) => {
      const shared = readLoadOption(load, name, value);
      if (shared !== false) return shared;
      if (name === '--server') {
        server = value() ?? '';
        return true;
      }
      if (name === '--token') {
        token = value() ?? '';
        return token === '' ? '--token needs a value' : true;
      }
      return false;
    });
    if (typeof files === 'string') return usageError(io, 'push', files, USAGE);
    if (files.length === 0) return usageError(io, 'push', 'no FILE or DIR given', USAGE);
    if (server === undefined) return usageError(io, 'push', '--server URL is required', USAGE);
    let base: URL;
    try {
      base = new URL(server);
      if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error('scheme');
    } catch {
      return usageError(io, 'push', `--server: not an http(s) URL: ${server}`, USAGE);
    }
    const loadError = checkLoadArgs(load);
    if (loadError !== null) return usageError(io, 'push', loadError, USAGE);

    const loaded = await loadSets(files, load, io);
    let code = loaded.code;
    for (const set of loaded.sets) {
      const url = new URL('api/sets', base.href.endsWith('/') ? base.href : base.href + '/');
      url.searchParams.set('name', set.name);
      url.searchParams.set('file', `${set.name}.csv`);
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: {
            'Content-Type': 'text/csv; charset=utf-8',
            ...(token ? { Authorization: `Bearer ${token}` } : {}),
          },
          body: recordsToCsv(set.records),
        });
      } catch (e) {
        const cause = e instanceof Error && e.cause instanceof Error ? e.cause.message : String(e);
        io.stderr(`aio-dash push: cannot reach ${base.origin}: ${cause}\n`);
        return EXIT_UNREACHABLE;
      }
      const text = await res.text();
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        body = { error: text.slice(0, 200) };
      }
      if (res.status === 401 || res.status === 403) {
        io.stderr(`aio-dash push: ${res.status} from ${base.origin}: ${String(body.error)}\n`);
        return EXIT_UNREACHABLE;
      }
      if (res.status !== 201) {
        io.stderr(`set "${set.name}": refused (${res.status}): ${String(body.error)}\n`);
        code = EXIT_INPUT;
        continue;
      }
      const id = String(body.id);
      const link = new URL(base.href);
      link.search = '';
      link.searchParams.set('set', id);
      io.stdout(
        `set "${String(body.name)}": stored as ${id} (${String(body.records)} records) ${link.href}\n`,
      );
    }
    return code === EXIT_OK && loaded.sets.length > 0 ? EXIT_OK : EXIT_INPUT;
  },
};
