/** Test helper: a CliIo that keeps what a command writes, and a runner of `main` with it. */
import type { CliIo } from './cli.types';
import { main } from './main';

export function captureIo(cwd: string): { io: CliIo; out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), cwd },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

/** Runs `aio-dash ARGV...` in `cwd`: its exit code and what it wrote. */
export async function runCli(
  cwd: string,
  ...argv: string[]
): Promise<{ code: number; out: string; err: string }> {
  const c = captureIo(cwd);
  const code = await main(argv, c.io);
  return { code, out: c.out(), err: c.err() };
}
