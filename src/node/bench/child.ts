/**
 * Runs one measuring process (qemu-img or fio) and accounts its CPU time.
 *
 * CPU accounting: Node reports resource usage of its own process only (process.resourceUsage),
 * and sampling /proc/PID/stat misses the part after the last sample. The child therefore runs
 * under `bash -c '"$@"; times >&3'`: bash waits for it and `times` prints the user and system
 * CPU of bash's waited-for children — getrusage(RUSAGE_CHILDREN), i.e. wait4's rusage of the
 * measuring process with every thread (qemu-img's thread pool, io_uring's io-wq workers) and
 * every process it waited for (fio's job processes), at millisecond resolution. Not included:
 * kernel work done outside the process's context (interrupts, softirq and kworker completions,
 * e.g. of native AIO) — so cpu_us_per_io is the process's own cost, not the host's total.
 *
 * Lifecycle: the child leads its own process group, so a terminal's Ctrl-C reaches only
 * aio-dash, which then stops the whole group (SIGTERM, SIGKILL after a grace period).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

export interface ChildResult {
  /** Exit code, or null when a signal ended it. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** User + system CPU seconds of the child and its waited-for descendants; null if unknown. */
  cpuS: number | null;
  wallS: number;
}

const WRAPPER = '"$@"; rc=$?; times >&3; exit $rc';

/** Parses the output of bash's `times`: the second line is the children's user and system time. */
export function parseTimes(text: string): number | null {
  const lines = text.trim().split('\n');
  const children = lines[1];
  if (!children) return null;
  const parts = [...children.matchAll(/(\d+)m(\d+(?:\.\d+)?)s/g)];
  if (parts.length !== 2) return null;
  return parts.reduce((s, m) => s + Number(m[1]) * 60 + Number(m[2]), 0);
}

/** The running child, so that a signal handler can stop it. */
export class ChildSlot {
  current: ChildProcess | null = null;

  /** Stops the running child's process group: SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 2000): Promise<void> {
    const child = this.current;
    if (!child || child.exitCode !== null || child.signalCode !== null || child.pid === undefined)
      return;
    const pid = child.pid;
    const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
    const kill = (sig: NodeJS.Signals) => {
      try {
        process.kill(-pid, sig);
      } catch {
        /* already gone */
      }
    };
    kill('SIGTERM');
    const timer = setTimeout(() => kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}

/** Runs `command args` under the CPU-accounting wrapper; never rejects on a failing command. */
export function runChild(
  command: string,
  args: readonly string[],
  slot: ChildSlot,
  cwd?: string,
): Promise<ChildResult> {
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', WRAPPER, 'aio-dash-bench', command, ...args], {
      cwd,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'C' },
    });
    slot.current = child;
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const times: Buffer[] = [];
    child.stdout!.on('data', (b: Buffer) => out.push(b));
    child.stderr!.on('data', (b: Buffer) => err.push(b));
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (b: Buffer) => times.push(b));
    const finish = (code: number | null, signal: NodeJS.Signals | null, spawnError?: Error) => {
      if (slot.current === child) slot.current = null;
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: spawnError ? spawnError.message : Buffer.concat(err).toString('utf8'),
        cpuS: parseTimes(Buffer.concat(times).toString('utf8')),
        wallS: Number(process.hrtime.bigint() - started) / 1e9,
      });
    };
    child.once('error', (e) => finish(null, null, e));
    child.once('close', (code, signal) => finish(code, signal));
  });
}
