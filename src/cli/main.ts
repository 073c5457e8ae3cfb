import type { CliCommand, CliIo } from './cli.types';
import { EXIT_USAGE } from './cli.types';
import { commands } from './commands';

function help(): string {
  const lines = ['Usage: aio-dash <command> [options]', '', 'Commands:'];
  for (const c of commands) lines.push(`  ${c.name.padEnd(10)} ${c.summary}`);
  lines.push('', 'Run `aio-dash <command> --help` for the options of one command.');
  return lines.join('\n') + '\n';
}

export async function main(argv: string[], io?: Partial<CliIo>): Promise<number> {
  const fullIo: CliIo = {
    stdout: io?.stdout ?? ((t) => void process.stdout.write(t)),
    stderr: io?.stderr ?? ((t) => void process.stderr.write(t)),
    cwd: io?.cwd ?? process.cwd(),
  };
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    (name ? fullIo.stdout : fullIo.stderr)(help());
    return name ? 0 : EXIT_USAGE;
  }
  const command: CliCommand | undefined = commands.find((c) => c.name === name);
  if (!command) {
    fullIo.stderr(`aio-dash: unknown command '${name}'\n` + help());
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    fullIo.stdout(command.usage + '\n');
    return 0;
  }
  return command.run(rest, fullIo);
}
