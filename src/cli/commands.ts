import type { CliCommand } from './cli.types';
import { benchCommand } from './bench.command';
import { exportCommand, importCommand } from './backup.command';
import { compareCommand } from './compare.command';
import { ingestCommand } from './ingest.command';
import { recommendCommand } from './recommend.command';
import { pushCommand } from './push.command';
import { serveCommand } from './serve.command';

/** Registry of commands; each lives in its own file (ingest.command.ts, compare.command.ts …). */
export const commands: CliCommand[] = [
  ingestCommand,
  compareCommand,
  recommendCommand,
  serveCommand,
  pushCommand,
  benchCommand,
  exportCommand,
  importCommand,
];
