import { describe, expect, it } from 'vitest';
import { droppedFiles, pickedFiles, planLoad } from './plan-load';

/** A File as a folder picker gives it: webkitRelativePath set (Node's File has none, so define it). */
const picked = (path: string) => {
  const file = new File(['{}'], path.split('/').pop()!);
  Object.defineProperty(file, 'webkitRelativePath', { value: path.includes('/') ? path : '' });
  return file;
};

const summary = (plan: ReturnType<typeof planLoad>) =>
  plan.sets.map((s) => [s.name, s.files.map((f) => f.originPath)]);

describe('planning a browser load', () => {
  it('one folder picked = one set named after it, origins relative to it', () => {
    const names = ['libaio-sparse-randread.json', 'io_uring-sparse-randread.json'];
    const plan = planLoad(pickedFiles(names.map((n) => picked(`host-runs/${n}`))));
    expect(summary(plan)).toEqual([['host-runs', names]]);
    expect(plan.files.map((f) => [f.name, f.set])).toEqual(names.map((n) => [n, 'host-runs']));
  });

  it('sends each file with its set folder, whose names give environment facts', () => {
    const plan = planLoad(pickedFiles([picked('runs/sparse/run.json'), picked('loose.json')]));
    expect(plan.files.map((f) => [f.name, f.set, f.folder])).toEqual([
      ['run.json', 'sparse', 'runs/sparse'],
      ['loose.json', 'loose', undefined],
    ]);
  });

  it('two folders with the same file names = two sets, every file kept', () => {
    const files = ['devices/vda/randread-1-1.json', 'devices/vdb/randread-1-1.json'].map(picked);
    const plan = planLoad(pickedFiles(files));
    expect(summary(plan)).toEqual([
      ['vda', ['randread-1-1.json']],
      ['vdb', ['randread-1-1.json']],
    ]);
    // Each planned file is the File it came from (same names, different folders).
    expect(plan.files.map((f) => f.file)).toEqual(files);
  });

  it('loose files = one set "first-file +N"; one set per file when asked; taken names get a suffix', () => {
    const loose = ['a.csv', 'b.csv', 'c.csv'].map(picked);
    expect(summary(planLoad(pickedFiles(loose)))).toEqual([['a +2', ['a.csv', 'b.csv', 'c.csv']]]);
    expect(summary(planLoad(pickedFiles(loose), { perFile: true, taken: ['b'] }))).toEqual([
      ['a', ['a.csv']],
      ['b (2)', ['b.csv']],
      ['c', ['c.csv']],
    ]);
  });

  it('leaves out hidden files found in a folder, keeps a hidden file picked by itself', () => {
    const files = ['runs/.DS_Store', 'runs/.git/config', 'runs/a.json', '.env'].map(picked);
    expect(pickedFiles(files).map((p) => p.path)).toEqual(['runs/a.json', '.env']);
  });

  it('passes a column map to every file when given', () => {
    const map = { Backend: { kind: 'field', field: 'aio' } } as const;
    const plan = planLoad(pickedFiles([picked('lab/a.csv')]), { map });
    expect(plan.files[0]).toMatchObject({ name: 'a.csv', set: 'lab', map });
  });
});

describe('a dropped folder', () => {
  /** FileSystemEntry stand-ins: a directory reader hands out at most `batch` entries per call. */
  const fileEntry = (fullPath: string) => ({
    isFile: true,
    isDirectory: false,
    name: fullPath.split('/').pop()!,
    fullPath,
    file: (ok: (f: File) => void) => ok(new File(['{}'], fullPath.split('/').pop()!)),
  });
  const dirEntry = (fullPath: string, children: unknown[], batch = 2) => ({
    isFile: false,
    isDirectory: true,
    name: fullPath.split('/').pop()!,
    fullPath,
    createReader: () => {
      let at = 0;
      return {
        readEntries: (ok: (e: unknown[]) => void) => {
          ok(children.slice(at, at + batch));
          at += batch;
        },
      };
    },
  });
  const drop = (entries: unknown[], files: File[] = []) =>
    ({
      items: entries.map((e) => ({ kind: 'file', webkitGetAsEntry: () => e })),
      files,
    }) as unknown as DataTransfer;

  it('is read recursively, every batch of entries, hidden files left out; paths from the dropped folder on', async () => {
    const devices = dirEntry('/devices', [
      dirEntry('/devices/vda', [
        fileEntry('/devices/vda/randread-1-1.json'),
        fileEntry('/devices/vda/randread-1-2.json'),
        fileEntry('/devices/vda/.DS_Store'),
        fileEntry('/devices/vda/randwrite-1-1.json'),
      ]),
      dirEntry('/devices/vdb', [fileEntry('/devices/vdb/randread-1-1.json')]),
    ]);
    const picked = await droppedFiles(drop([devices, fileEntry('/loose.csv')]));
    expect(picked.map((p) => p.path)).toEqual([
      'devices/vda/randread-1-1.json',
      'devices/vda/randread-1-2.json',
      'devices/vda/randwrite-1-1.json',
      'devices/vdb/randread-1-1.json',
      'loose.csv',
    ]);
    expect(summary(planLoad(picked))).toEqual([
      ['vda', ['randread-1-1.json', 'randread-1-2.json', 'randwrite-1-1.json']],
      ['vdb', ['randread-1-1.json']],
      ['loose', ['loose.csv']],
    ]);
  });

  it('without entries (a synthetic drop) gives the plain files, each loose', async () => {
    const f = new File(['x'], 'a.csv');
    expect(await droppedFiles(drop([], [f]))).toEqual([{ file: f, path: 'a.csv' }]);
  });
});

describe('fio log files in a load (issue 15)', () => {
  const run = ['run/randwrite.json', 'run/randwrite_clat.1.log', 'run/randwrite_iops.1.log'];
  it('a folder load keeps the logs in the set of their run, origins relative to it', () => {
    const plan = planLoad(pickedFiles(run.map(picked)));
    expect(summary(plan)).toEqual([
      ['run', ['randwrite.json', 'randwrite_clat.1.log', 'randwrite_iops.1.log']],
    ]);
  });
  it('one set per file: the logs still go with their run (PREFIX.json); a stray log stays apart', () => {
    const plan = planLoad(pickedFiles([...run, 'run/other_lat.1.log'].map(picked)), {
      perFile: true,
    });
    expect(summary(plan)).toEqual([
      ['randwrite', ['randwrite.json', 'randwrite_clat.1.log', 'randwrite_iops.1.log']],
      ['other_lat.1', ['other_lat.1.log']],
    ]);
    expect(
      new Set(plan.files.filter((f) => f.name.startsWith('randwrite')).map((f) => f.set)),
    ).toEqual(new Set(['randwrite']));
  });
});
