/* eslint-disable no-restricted-imports -- tests run in Node and read fixture files from disk */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ResultRecord } from '../model/record.types';
import type { ColumnInference, ColumnMap } from './column-map';
import { describeInference, headerSignature, parseColumnMap, previewColumns } from './column-map';
import type { IngestOptions } from './ingest.types';
import { ingestBytes, ingestText } from './ingest';

const labSheet = join(__dirname, '../../../e2e/fixtures-data/layouts/lab-sheet');

function load(text: string, opts: Partial<IngestOptions> = {}) {
  const r = ingestText(text, { fileName: 'lab.csv', ...opts });
  if (!r.ok) throw new Error(r.reason);
  const { report } = r.value;
  expect(report.read).toBe(report.accepted + report.rejected.length);
  return r.value;
}
const mapOf = (cols: readonly ColumnInference[] | undefined) =>
  Object.fromEntries(
    (cols ?? []).map((c) => [
      c.header,
      c.choice.kind === 'field'
        ? c.choice.field
        : c.choice.kind === 'extra'
          ? `x:${c.choice.name}`
          : '',
    ]),
  );
const must = (m: ReturnType<typeof parseColumnMap>): ColumnMap => {
  if (!m.ok) throw new Error(m.reason);
  return m.value;
};

/** A lab's own sheet, with its own words for every column (made up here, values included). */
const OWN = [
  'Host,QEMU I/O,Allocation,Pattern,Warmed,Iteration,QD,Block size,Avg lat (ms),Ops/s,Comment',
  'node1,threads,off,randread,no,1,32,4k,1.5,21000,',
  'node1,native,falloc,randwrite,yes,1,32,4k,2,16000,slow disk',
  'node2,io_uring,full,randread,yes,2,32,4k,1.25,25600,',
].join('\n');

describe('column mapping of a lab sheet with its own headers', () => {
  it('maps by synonyms and values, keeps unknown headers as written, reports every column', () => {
    const { records, report } = load(OWN);
    expect(mapOf(report.columns)).toEqual({
      Host: 'x:Host',
      'QEMU I/O': 'aio',
      Allocation: 'prealloc',
      Pattern: 'rw',
      Warmed: 'prewritten',
      Iteration: 'run',
      QD: 'iodepth',
      'Block size': 'bs',
      'Avg lat (ms)': 'lat_mean_us',
      'Ops/s': 'iops',
      Comment: 'x:Comment',
    });
    const how = Object.fromEntries(report.columns!.map((c) => [c.header, c.how]));
    expect([how['QEMU I/O'], how['Allocation'], how['Host']]).toEqual([
      'values',
      'synonym',
      'unknown',
    ]);
    expect(records.map((r) => [r.aio, r.prealloc, r.rw, r.prewritten, r.run])).toEqual([
      ['threads', 'off', 'randread', false, '1'],
      ['native', 'falloc', 'randwrite', true, '1'],
      ['io_uring', 'full', 'randread', true, '2'],
    ]);
    // The unit of the header applies: 1.5 ms is 1500 µs.
    expect(records.map((r) => r.lat_mean_us)).toEqual([1500, 2000, 1250]);
    expect(records.map((r) => [r.iodepth, r.bs, r.iops])).toEqual([
      [32, 4096, 21000],
      [32, 4096, 16000],
      [32, 4096, 25600],
    ]);
    expect(records[1]!.extra).toEqual({ Host: 'node1', Comment: 'slow disk' });
    expect(report.notes).toContain('column "QEMU I/O" → aio (values threads, native, io_uring)');
    expect(report.notes).toContain('column "Avg lat (ms)" → lat_mean_us (values 1.5, 2, 1.25)');
    // Exact names are not inferences: no note for them.
    const canonical = load('aio,rw,iops\nnative,randread,5\n').report;
    expect(canonical.notes.filter((n) => n.startsWith('column'))).toEqual([]);
    expect(canonical.columns!.map((c) => c.how)).toEqual(['exact', 'exact', 'exact']);
  });
  it('"Backend" over threads/native/io_uring is aio and keeps its name when it is not (issue 11)', () => {
    const sheet =
      'Backend,Image preallocation,Workload,Pre-filled,Repeat,Requests,Seconds,IOPS\n' +
      'threads,off,randread,no,1,1000,2,500\nnative,metadata,randwrite,yes,2,1000,1,1000\n';
    const { records, report } = load(sheet);
    expect(records.map((r) => [r.aio, r.prealloc, r.rw, r.prewritten, r.run, r.runtime_s])).toEqual(
      [
        ['threads', 'off', 'randread', false, '1', 2],
        ['native', 'metadata', 'randwrite', true, '2', 1],
      ],
    );
    expect(records[0]!.extra).toEqual({ Requests: '1000' });
    expect(report.notes.join('\n')).not.toContain('column1');
    // Backend over file/block is the disk source; Engine over fio engines is the fio engine.
    const other = load('Backend,Engine,IOPS\nfile,libaio,1\nblock,psync,2\n').records;
    expect(other.map((r) => [r.source, r.aio, r.ioengine])).toEqual([
      ['file', null, 'libaio'],
      ['block', null, 'psync'],
    ]);
    const engine = load('Engine,IOPS\nthreads,1\nio_uring,2\n').records;
    expect(engine.map((r) => [r.aio, r.ioengine])).toEqual([
      ['threads', null],
      ['io_uring', null],
    ]);
  });
  it('maps by values only what is unambiguous, never a number, never two columns to one field', () => {
    const { records, report } = load(
      'A,B,C,D,E,IOPS\nnative,threads,none,7,qcow2,1\nthreads,native,none,8,raw,2\n',
    );
    const m = mapOf(report.columns);
    // A and B both look like aio: neither is mapped; C ("none") is both cache and prealloc.
    expect([m['A'], m['B'], m['C'], m['D'], m['E']]).toEqual([
      'x:A',
      'x:B',
      'x:C',
      'x:D',
      'format',
    ]);
    expect(records[0]!.aio).toBeNull();
    expect(report.notes.join('\n')).toContain(
      "column 2 ('B') looks like aio, as does another column",
    );
    // A header that names aio wins over a column that only looks like it.
    const named = load('aio,X,IOPS\nnative,threads,1\n').report;
    expect(mapOf(named.columns)).toEqual({ aio: 'aio', X: 'x:X', IOPS: 'iops' });
  });
  it('the real lab sheet (English, UTF-8): every row accepted, aio/prealloc/prewritten/rw mapped', () => {
    const bytes = readFileSync(join(labSheet, 'qemu-img-bench.csv'));
    const r = ingestBytes(bytes, { fileName: 'lab-sheet/qemu-img-bench.csv' });
    if (!r.ok) throw new Error(r.reason);
    const { records, report } = r.value;
    const lines = bytes.toString('utf8').trim().split('\n').length - 1;
    expect(report.read).toBe(lines);
    expect(report.accepted + report.rejected.length).toBe(report.read);
    expect(report.rejected).toEqual([]);
    const m = mapOf(report.columns);
    expect([m['Mode'], m['Alloc'], m['Warm'], m['Op'], m['Try #'], m['Ops/s']]).toEqual([
      'aio',
      'prealloc',
      'prewritten',
      'rw',
      'run',
      'iops',
    ]);
    expect(new Set(records.map((x) => x.aio))).toEqual(new Set(['threads', 'native', 'io_uring']));
    expect(new Set(records.map((x) => x.prealloc))).toEqual(
      new Set(['off', 'metadata', 'falloc', 'full']),
    );
    expect(new Set(records.map((x) => x.prewritten))).toEqual(new Set([true, false]));
    expect(records.every((x) => x.iops !== null && (x.rw === 'read' || x.rw === 'write'))).toBe(
      true,
    );
    expect(m['Note']).toBe('x:Note');
  });
  it('the real lab sheet as a Chinese GB18030 export gives the same records', () => {
    const en = ingestBytes(readFileSync(join(labSheet, 'qemu-img-bench.csv')), {
      fileName: 'a.csv',
    });
    const zh = ingestBytes(readFileSync(join(labSheet, 'qemu-img-bench-zh-gb18030.csv')), {
      fileName: 'a.csv',
    });
    if (!en.ok || !zh.ok) throw new Error('not read');
    expect(zh.value.report.notes[0]).toBe('decoded as GB18030');
    expect(zh.value.report.rejected).toEqual([]);
    const key = (r: ResultRecord) => [
      r.aio,
      r.prealloc,
      r.prewritten,
      r.rw,
      r.bs,
      r.iodepth,
      r.run,
      r.runtime_s,
      r.iops,
      r.flags,
    ];
    expect(zh.value.records.map(key)).toEqual(en.value.records.map(key));
    // UTF-16LE with BOM, as Excel's "Unicode text" writes it.
    const text = readFileSync(join(labSheet, 'qemu-img-bench-zh-gb18030.csv'));
    const decoded = new TextDecoder('gb18030').decode(text);
    const utf16 = new Uint8Array(2 + decoded.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < decoded.length; i++) {
      utf16[2 + 2 * i] = decoded.charCodeAt(i) & 0xff;
      utf16[3 + 2 * i] = decoded.charCodeAt(i) >> 8;
    }
    const u = ingestBytes(utf16, { fileName: 'a.csv' });
    expect(u.ok && u.value.records.map(key)).toEqual(en.value.records.map(key));
    expect(u.ok && mapOf(u.value.report.columns)['模式']).toBe('aio');
  });
});

describe('explicit column map (--map)', () => {
  it('parses HEADER=FIELD, HEADER= (ignore) and HEADER=x:NAME; synonyms name fields', () => {
    expect(
      must(parseColumnMap(['Host=x:Server', 'Comment=', 'QEMU I/O=aio', 'Pattern=读写模式'])),
    ).toEqual({
      Host: { kind: 'extra', name: 'Server' },
      Comment: { kind: 'ignore' },
      'QEMU I/O': { kind: 'field', field: 'aio' },
      Pattern: { kind: 'field', field: 'rw' },
    });
    expect(must(parseColumnMap(['a=b=iops']))).toEqual({ 'a=b': { kind: 'field', field: 'iops' } });
  });
  it('refuses what it cannot apply, naming the spec', () => {
    for (const [spec, words] of [
      [['Host'], 'expected HEADER=FIELD'],
      [['=aio'], 'header before'],
      [['Host=nonsense'], "'nonsense' is not a field"],
      [['Host=x:'], 'x: needs a column name'],
      [['A=aio', 'a=rw'], 'mapped twice'],
      [['A=aio', 'B=aio'], 'already mapped to aio'],
    ] as const) {
      const r = parseColumnMap(spec);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toContain(words);
    }
  });
  it('overrides the vocabulary and the values; header match is case-insensitive and trimmed', () => {
    const map = must(
      parseColumnMap([' host =aio', 'QEMU I/O=x:qemu io', 'comment=', 'Iteration=x:Iteration']),
    );
    const { records, report } = load(OWN.replace(/node\d/g, 'native'), { map });
    const m = mapOf(report.columns);
    expect([m['Host'], m['QEMU I/O'], m['Comment'], m['Iteration']]).toEqual([
      'aio',
      'x:qemu io',
      '',
      'x:Iteration',
    ]);
    expect(report.columns!.filter((c) => c.how === 'explicit').map((c) => c.header)).toEqual([
      'Host',
      'QEMU I/O',
      'Iteration',
      'Comment',
    ]);
    expect(records[1]!.aio).toBe('native');
    expect(records[1]!.run).toBeNull();
    expect(records[1]!.extra).toEqual({ 'qemu io': 'native', Iteration: '1' });
    // A mapped header row is found even when no header word is known.
    const bare = load('Knob,Speed\nthreads,10\nnative,20\n', {
      map: must(parseColumnMap(['Speed=iops'])),
    });
    expect(bare.records.map((r) => [r.aio, r.iops])).toEqual([
      ['threads', 10],
      ['native', 20],
    ]);
  });
  it('says when a mapped header is in no column', () => {
    const { report } = load('aio,iops\nnative,1\n', { map: must(parseColumnMap(['Bakend=aio'])) });
    expect(report.notes).toContain('--map Bakend: no column has this header');
  });
  it('applies to JSON records and markdown tables too', () => {
    const map = must(parseColumnMap(['Knob=aio']));
    const json = load('[{"Knob":"native","speed":1,"IOPS":5}]', { fileName: 'r.json', map });
    expect(json.records[0]!.aio).toBe('native');
    expect(json.records[0]!.extra).toEqual({ speed: '1' });
    expect(json.report.columns!.map((c) => c.how)).toEqual(['explicit', 'unknown', 'exact']);
    const md = load('| Knob | IOPS |\n|---|---|\n| threads | 7 |\n', { fileName: 'r.md', map });
    expect(md.records[0]!.aio).toBe('threads');
    expect(md.report.columns![0]!.how).toBe('explicit');
  });
});

describe('header words of real exports', () => {
  it.each([
    ['Queue depth', '8', 'iodepth', 8],
    ['QD', '8', 'iodepth', 8],
    ['队列深度', '8', 'iodepth', 8],
    ['Block size', '4K', 'bs', 4096],
    ['块大小', '64k', 'bs', 65536],
    ['Jobs', '4', 'numjobs', 4],
    ['线程数', '4', 'numjobs', 4],
    ['Ops/s', '1200', 'iops', 1200],
    ['Avg lat (ms)', '1.5', 'lat_mean_us', 1500],
    ['平均延迟(ms)', '2', 'lat_mean_us', 2000],
    ['P99 (ms)', '3', 'lat_p99_us', 3000],
    ['p99.9 (us)', '7', 'lat_p999_us', 7],
    ['Max latency (ms)', '9', 'lat_max_us', 9000],
    ['最大延迟(ms)', '9', 'lat_max_us', 9000],
    ['CPU per IO (us)', '3.5', 'cpu_us_per_io', 3.5],
    ['Bandwidth (MB/s)', '1.024', 'bw_kib_s', 1000],
    ['MB/s', '1.024', 'bw_kib_s', 1000],
    ['带宽(MiB/s)', '2', 'bw_kib_s', 2048],
    ['耗时(秒)', '2', 'runtime_s', 2],
    ['Time (s)', '2', 'runtime_s', 2],
  ] as const)('%s → %s', (header, value, field, expected) => {
    const first = field === 'iops' ? 'rw' : 'iops';
    const cell = field === 'iops' ? 'read' : '1';
    const { records } = load(`${first},"${header}"\n${cell},${value}\n`);
    expect(records[0]![field]).toBeCloseTo(expected, 9);
  });
  it('读写 with 4K随机写 gives rw and bs', () => {
    const { records } = load('读写,IOPS\n4K随机写,10\n');
    expect([records[0]!.rw, records[0]!.bs]).toEqual(['randwrite', 4096]);
  });
});

describe('hostile headers and values', () => {
  it('keeps formula-like, markup and odd headers verbatim as extras', () => {
    const { records, report } = load(
      '"=HYPERLINK(""x"")",<b>x</b>,constructor,__proto__,toString,rw,iops\n' +
        '=1+1,<script>alert(1)</script>,a,b,c,randread,1\n',
    );
    const r = records[0]!;
    expect(r.extra['=HYPERLINK("x")']).toBe('=1+1');
    expect(r.extra['<b>x</b>']).toBe('<script>alert(1)</script>');
    expect(Object.keys(r.extra)).toContain('constructor');
    expect(Object.entries(r.extra)).toContainEqual(['toString', 'c']);
    expect(Object.getPrototypeOf(r.extra)).toBe(Object.prototype);
    expect(r.extra['__proto___2']).toBe('b');
    expect(report.notes.join('\n')).toContain("('__proto__') kept as extra column '__proto___2'");
  });
  it('a value that belongs to no vocabulary keeps a column from being mapped by values', () => {
    const { report } = load('X,IOPS\nthreads,1\nnative,2\n=cmd|x,3\n');
    expect(mapOf(report.columns)['X']).toBe('x:X');
  });
  it('a very long header is an extra column, never a field', () => {
    const long = 'aio'.repeat(50);
    const { records } = load(`${long},rw,iops\n√,read,1\n`);
    expect(records[0]!.aio).toBeNull();
    expect(records[0]!.extra[long]).toBe('√');
  });
});

describe('previewColumns, describeInference, headerSignature', () => {
  it('previews the header row and first 5 data rows with the mapping the load will use', () => {
    const text = readFileSync(join(labSheet, 'qemu-img-bench.csv'), 'utf8');
    const p = previewColumns(text, { fileName: 'qemu-img-bench.csv' });
    if (!p.ok) throw new Error(p.reason);
    expect(p.value.format).toBe('csv');
    expect(p.value.rows).toHaveLength(6);
    expect(p.value.rows[0]).toEqual(text.split('\n')[0]!.split(','));
    expect(p.value.rows[1]).toEqual(text.split('\n')[1]!.split(','));
    const full = ingestText(text, { fileName: 'qemu-img-bench.csv' });
    expect(p.value.columns).toEqual(full.ok && full.value.report.columns);
    const mapped = previewColumns(text, {
      fileName: 'x.csv',
      map: must(parseColumnMap(['Mode=x:mode'])),
    });
    expect(mapped.ok && mapped.value.columns[0]).toMatchObject({
      how: 'explicit',
      choice: { kind: 'extra', name: 'mode' },
    });
    const fio = readFileSync(join(__dirname, 'fixtures/fio/native-ssd-randread.json'), 'utf8');
    expect(previewColumns(fio, { fileName: 'a.json' }).ok).toBe(false);
  });
  it('describes one column in one English line', () => {
    const c: ColumnInference = {
      column: 0,
      header: 'Backend',
      choice: { kind: 'field', field: 'aio' },
      how: 'values',
      values: ['threads', 'native', 'io_uring'],
    };
    expect(describeInference(c)).toBe('column "Backend" → aio (values threads, native, io_uring)');
    expect(
      describeInference({
        ...c,
        header: '',
        column: 2,
        how: 'explicit',
        choice: { kind: 'ignore' },
        values: [],
      }),
    ).toBe('column 3 → ignored (--map)');
  });
  it('gives one signature per header row, whatever case and spaces', () => {
    expect(headerSignature(['Mode', ' Alloc'])).toBe(headerSignature(['mode', 'ALLOC ']));
    expect(headerSignature(['Mode', 'Alloc'])).not.toBe(headerSignature(['Alloc', 'Mode']));
    expect(headerSignature(['a,b'])).not.toBe(headerSignature(['a', 'b']));
    expect(headerSignature(['a\u001fb'])).not.toBe(headerSignature(['a', 'b']));
  });
});
