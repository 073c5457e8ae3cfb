/**
 * Progress of a bench run on stderr: on a terminal one bar line redrawn in place, with the ETA
 * from the measured pace; otherwise one line per run (logs, CI, pipes).
 */
import type { BenchPlan, BenchRun, RunMeasurement } from '../../core/bench/bench.types';
import { formatDuration } from '../../core/bench/plan';

const describe = (r: BenchRun): string =>
  [
    r.aio !== null ? `aio=${r.aio}` : `ioengine=${r.ioengine}`,
    r.prealloc !== null ? `prealloc=${r.prealloc}` : '',
    `prefilled=${r.prefilled ? 'yes' : 'no'}`,
    `rw=${r.rw}`,
    `bs=${r.bs}`,
    `iodepth=${r.iodepth}`,
    r.warmup ? 'warm-up' : `repeat=${r.repeat}`,
  ]
    .filter(Boolean)
    .join(' ');

export class Progress {
  private doneRuns = 0;
  private readonly total: number;
  private readonly t0 = Date.now();
  private runStarted = 0;
  private barShown = false;

  constructor(
    plan: BenchPlan,
    private readonly write: (text: string) => void,
    private readonly tty: boolean,
  ) {
    this.total = plan.runs.length;
  }

  /** Seconds left at the pace so far (the plan's estimate before the first run ends). */
  private eta(): string {
    if (this.doneRuns === 0) return '…';
    const perRun = (Date.now() - this.t0) / 1000 / this.doneRuns;
    return formatDuration(perRun * (this.total - this.doneRuns));
  }

  private bar(label: string): void {
    const width = 24;
    const filled = Math.round((width * this.doneRuns) / Math.max(1, this.total));
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.doneRuns}/${this.total} ETA ${this.eta()}  ${label}`;
    const cols = process.stderr.columns ?? 120;
    this.write(`\r\x1b[2K${line.slice(0, Math.max(20, cols - 1))}`);
    this.barShown = true;
  }

  start(run: BenchRun): void {
    this.runStarted = Date.now();
    if (this.tty) this.bar(describe(run));
  }

  note(text: string): void {
    if (this.tty) this.bar(text);
    else this.write(`bench: ${text}\n`);
  }

  finish(run: BenchRun, m: RunMeasurement | null, error: string | null): void {
    this.doneRuns++;
    const secs = ((Date.now() - this.runStarted) / 1000).toFixed(1);
    const what =
      m !== null
        ? `${Math.round(m.iops)} IOPS${m.latMeanUs !== null ? `, ${m.latMeanUs.toFixed(1)} µs mean` : ''}${m.cpuS !== null && m.ios > 0 ? `, ${((m.cpuS * 1e6) / m.ios).toFixed(2)} µs CPU/IO` : ''}`
        : `failed: ${error ?? '?'}`;
    if (this.tty) {
      if (m === null) this.write(`\r\x1b[2K${run.seq} ${describe(run)}: ${what}\n`);
      this.bar(`${describe(run)}: ${what}`);
    } else
      this.write(
        `bench: ${this.doneRuns}/${this.total} ${describe(run)}: ${what} (${secs} s; ETA ${this.eta()})\n`,
      );
  }

  end(): void {
    if (this.tty && this.barShown) this.write('\n');
  }
}
