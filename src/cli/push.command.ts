import type { CliCommand } from './cli.types';
import { EXIT_INPUT, EXIT_OK, EXIT_UNREACHABLE } from './cli.types';
import { readArgs, usageError } from './args';
import { parseServerUrl, pushSet } from './push-set';
import {
  LOAD_HELP,
  LOAD_SYNOPSIS,
  checkLoadArgs,
  loadSets,
  newLoadArgs,
  readLoadOption,
} from './load-records';

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
    const base = parseServerUrl(server, '--server');
    if (typeof base === 'string') return usageError(io, 'push', base, USAGE);
    const loadError = checkLoadArgs(load);
    if (loadError !== null) return usageError(io, 'push', loadError, USAGE);

    const loaded = await loadSets(files, load, io);
    let code = loaded.code;
    for (const set of loaded.sets) {
      const outcome = await pushSet(base, token, set.name, set.records, io, 'push');
      if (outcome === 'unreachable') return EXIT_UNREACHABLE;
      if (outcome === 'refused') code = EXIT_INPUT;
    }
    return code === EXIT_OK && loaded.sets.length > 0 ? EXIT_OK : EXIT_INPUT;
  },
};
