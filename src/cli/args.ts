import type { CliIo } from './cli.types';
import { EXIT_USAGE } from './cli.types';

/**
 * What a command's option reader answers for one option: an error message (a usage error),
 * `true` when it took the option, `false` when the command has no such option.
 */
export type OptionAnswer = string | boolean;

/**
 * Reads argv as every command does: options `--name value` or `--name=value` (short options
 * such as `-o` take the next argument), files in order (`-` is stdin). `option` is called with
 * each option's name and a reader of its value (null when argv ends before it).
 * Returns the files, or the first usage error: the option's own, or `unknown option ARG`.
 */
export function readArgs(
  argv: readonly string[],
  option: (name: string, value: () => string | null) => OptionAnswer,
): string[] | string {
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-' || !arg.startsWith('-')) {
      files.push(arg);
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string | null => (eq > 0 ? arg.slice(eq + 1) : (argv[++i] ?? null));
    const answer = option(name, value);
    if (typeof answer === 'string') return answer;
    if (!answer) return `unknown option ${arg}`;
  }
  return files;
}

/** Writes a usage error the way every command does and returns its exit code. */
export function usageError(io: CliIo, command: string, message: string, usage: string): number {
  io.stderr(`aio-dash ${command}: ${message}\nUsage: ${usage}\n`);
  return EXIT_USAGE;
}
