/**
 * Test helper: `aio-dash serve` as a real child process (the built CLI, bin/aio-dash.js) on a
 * free port, in a work directory with a stand-in dist/, and its store under `db`.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

export interface ServeProcess {
  child: ChildProcess;
  /** http://127.0.0.1:PORT */
  url: string;
}

export async function startServeProcess(
  work: string,
  db: string,
  env: Record<string, string> = { AIO_DASH_TOKEN: '' },
): Promise<ServeProcess> {
  mkdirSync(join(work, 'dist'), { recursive: true });
  writeFileSync(join(work, 'dist/index.html'), '<!doctype html><title>stand-in</title>');
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin/aio-dash.js'), 'serve', '--port', '0', '--db', db],
    { cwd: work, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } },
  );
  const url = await new Promise<string>((done, failed) => {
    let err = '';
    child.stderr.on('data', (b: Buffer) => {
      err += b.toString();
      const m = /dashboard on (http:\/\/localhost:\d+)\//.exec(err);
      if (m) done(m[1]!.replace('localhost', '127.0.0.1'));
    });
    child.once('exit', (code) => failed(new Error(`server exited ${code}: ${err}`)));
  });
  return { child, url };
}

/** SIGKILLs (or, with `signal`, stops) the child and waits for its exit. */
export function stopProcess(
  child: ChildProcess,
  signal: NodeJS.Signals = 'SIGKILL',
): Promise<void> {
  return new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill(signal);
  });
}
