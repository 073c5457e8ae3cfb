/** A CLI command: parses its own argv and writes to the given streams. Returns the exit code. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run: (argv: string[], io: CliIo) => Promise<number>;
}
/** Exit codes of the spec. */
export const EXIT_OK = 0;
export const EXIT_INPUT = 1;
export const EXIT_USAGE = 2;
/** `push`, `bench --push`: the server cannot be reached, or refused the token. */
export const EXIT_UNREACHABLE = 3;
