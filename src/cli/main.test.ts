import { describe, expect, it } from 'vitest';
import { main } from './main';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      stdout: (t: string) => out.push(t),
      stderr: (t: string) => err.push(t),
      cwd: process.cwd(),
    },
    out,
    err,
  };
}

describe('aio-dash main', () => {
  it('exits 2 with usage on an unknown command', async () => {
    const c = capture();
    expect(await main(['frobnicate'], c.io)).toBe(2);
    expect(c.err.join('')).toContain("unknown command 'frobnicate'");
  });
  it('exits 2 with usage when no command is given', async () => {
    const c = capture();
    expect(await main([], c.io)).toBe(2);
    expect(c.err.join('')).toContain('Usage: aio-dash');
  });
  it('prints a command usage on --help and exits 0', async () => {
    const c = capture();
    expect(await main(['serve', '--help'], c.io)).toBe(0);
    expect(c.out.join('')).toContain('aio-dash serve');
  });
});

describe('the options of every command that reads files', () => {
  it.each(['ingest', 'compare', 'recommend', 'serve'])('%s --help names them', async (name) => {
    const c = capture();
    expect(await main([name, '--help'], c.io)).toBe(0);
    const help = c.out.join('');
    for (const option of [
      'FILE|DIR',
      '--set NAME',
      '--set-per-file',
      '--label KEY=VALUE',
      '--map HEADER=FIELD',
    ])
      expect(help).toContain(option);
  });

  it.each(['ingest', 'compare', 'recommend'])(
    '%s refuses --set with --set-per-file',
    async (name) => {
      const c = capture();
      expect(await main([name, 'x.csv', '--set', 'a', '--set-per-file'], c.io)).toBe(2);
      expect(c.err.join('')).toContain('--set and --set-per-file exclude each other');
    },
  );
});
