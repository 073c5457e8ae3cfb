/** `aio-dash recommend --kernel`: a distribution's kernel string selects that distribution's host. */
import { describe, expect, it } from 'vitest';
import { main } from './main';

interface HostJson {
  kernel: string;
  io_uring_disabled: boolean;
  preset: string | null;
}

async function hostOf(argv: string[]): Promise<HostJson> {
  const out: string[] = [];
  const err: string[] = [];
  const io = {
    stdout: (t: string) => out.push(t),
    stderr: (t: string) => err.push(t),
    cwd: process.cwd(),
  };
  const cell = [
    '--cell',
    'storage=LocalStorage,source=file,fs=xfs,format=raw,prealloc=full,cache=none',
  ];
  const code = await main(['recommend', ...cell, ...argv, '--format', 'json'], io);
  expect(code, err.join('')).toBe(0);
  const items = JSON.parse(out.join('')) as Array<{ host: HostJson }>;
  return items[0]!.host;
}

describe('aio-dash recommend --kernel', () => {
  it('5.14.0-284.el9 is RHEL 9: io_uring disabled, the kernel string kept', async () => {
    expect(await hostOf(['--kernel', '5.14.0-284.el9'])).toMatchObject({
      kernel: '5.14.0-284.el9',
      io_uring_disabled: true,
      preset: 'rhel9',
    });
  });

  it.each([
    ['4.18.0-477.el8', 'rhel8'],
    ['3.10.0-1160.el7', 'centos7'],
    ['6.1.0-18-amd64', 'debian12'],
    ['5.15.0-91-generic', 'ubuntu2204'],
  ])('%s selects %s', async (kernel, preset) => {
    expect(await hostOf(['--kernel', kernel])).toMatchObject({
      kernel,
      preset,
      io_uring_disabled: false,
    });
  });

  it('a plain version, or an explicit --preset, keeps the previous behaviour', async () => {
    expect(await hostOf(['--kernel', '5.14'])).toMatchObject({
      io_uring_disabled: false,
      preset: null,
    });
    expect(await hostOf(['--preset', 'debian12', '--kernel', '5.14.0-284.el9'])).toMatchObject({
      io_uring_disabled: false,
      preset: null,
    });
  });
});
