import { describe, expect, it } from 'vitest';
import { pickedFiles, planLoad } from './plan-load';

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
