/** The flag explanations, word for word in both languages, and the key table's completeness. */
import { describe, expect, it } from 'vitest';
import { tableMismatches } from '../i18n/key-table';
import type { ResultRecord } from '../model/record.types';
import { asIops, asMicroseconds } from '../model/units';
import { explainFlags } from './flags';
import { FLAG_TEXT } from './flags.messages';
import { emptyRecord } from './record.build';

const base = (extra: Partial<ResultRecord>): ResultRecord => ({
  ...emptyRecord('s', 'f.csv:1'),
  ...extra,
});
const cell: Partial<ResultRecord> = {
  source: 'block',
  format: 'raw',
  prealloc: 'n/a',
  rw: 'randread',
  iodepth: 32,
  numjobs: 1,
};
const prewritten = base({ ...cell, prewritten: true, iops: asIops(200) });
const notPrewritten = base({
  ...cell,
  prewritten: false,
  iops: asIops(500),
  flags: ['sparse-read'],
});

/** Each branch of every flag's explanation: record, its set, and the texts in en and zh. */
const CASES: [string, ResultRecord, ResultRecord[], string[], string[]][] = [
  [
    'unit-noratio',
    base({ flags: ['unit-suspect'] }),
    [],
    ['Unit suspect: IOPS and latency disagree with Little’s law.'],
    ['单位可疑：IOPS 与延迟不符合 Little 定律。'],
  ],
  [
    'unit-async',
    base({
      flags: ['unit-suspect'],
      iops: asIops(1000),
      lat_mean_us: asMicroseconds(12.5),
      iodepth: 4,
      numjobs: 2,
      ioengine: 'libaio',
    }),
    [],
    [
      'Unit suspect: IOPS × mean latency = 1000 × 12.5 µs ≈ 0.01 I/Os in flight, but the job keeps iodepth × numjobs = 8 in flight (off by 640×, more than 2×). The latency or IOPS unit is probably wrong; the value is kept as written.',
    ],
    [
      '单位可疑：IOPS × 平均延迟 = 1000 × 12.5 µs ≈ 0.01 个在途 I/O，而 iodepth × numjobs = 8（相差 640 倍，超过 2 倍）。延迟或 IOPS 的单位很可能写错了；数值按原样保留。',
    ],
  ],
  [
    'unit-sync',
    base({
      flags: ['unit-suspect'],
      iops: asIops(3),
      lat_mean_us: asMicroseconds(1000),
      iodepth: 4,
      numjobs: 2,
      ioengine: 'psync',
    }),
    [],
    [
      'Unit suspect: IOPS × mean latency = 3 × 1000 µs ≈ 0.00 I/Os in flight, but the job keeps 1 × numjobs (synchronous engine psync) = 2 in flight (off by 666.7×, more than 2×). The latency or IOPS unit is probably wrong; the value is kept as written.',
    ],
    [
      '单位可疑：IOPS × 平均延迟 = 3 × 1000 µs ≈ 0.00 个在途 I/O，而 1 × numjobs（同步引擎 psync） = 2（相差 666.7 倍，超过 2 倍）。延迟或 IOPS 的单位很可能写错了；数值按原样保留。',
    ],
  ],
  [
    'sparse-file',
    base({
      flags: ['sparse-read'],
      rw: 'read',
      source: 'file',
      prealloc: 'falloc',
      iops: asIops(1234.5),
    }),
    [],
    [
      'Sparse read: the disk was not pre-written and is an image file on a host filesystem with prealloc falloc: reads hit holes (unallocated or unwritten extents) and never touch the medium. This number does not measure the medium.',
    ],
    [
      '稀疏读：磁盘测试前未写覆盖，且是宿主机文件系统上的镜像文件（预分配 falloc）：读到的是空洞（未分配/未写入的区域），不经过存储介质。该结果测的不是介质性能。',
    ],
  ],
  [
    'sparse-qcow2',
    base({
      flags: ['sparse-read'],
      rw: 'randread',
      source: 'block',
      format: 'qcow2',
      prealloc: 'off',
      prewritten: false,
    }),
    [],
    [
      'Sparse read: the disk was not pre-written and is a qcow2 image without preallocation: reads hit unallocated clusters. This number does not measure the medium.',
    ],
    [
      '稀疏读：磁盘测试前未写覆盖，且是未预分配的 qcow2：读到的是未分配的簇。该结果测的不是介质性能。',
    ],
  ],
  [
    'sparse-cmp',
    notPrewritten,
    [prewritten, notPrewritten],
    [
      'Sparse read: its 500 IOPS exceed twice the 200 IOPS of the same cell read after pre-writing. This number does not measure the medium.',
    ],
    ['稀疏读：其 IOPS 500 超过同一环境写覆盖后读 IOPS 200 的 2 倍。该结果测的不是介质性能。'],
  ],
  [
    'sparse-none',
    base({ flags: ['sparse-read'] }),
    [],
    [
      'Sparse read: the disk was not pre-written before this read. This number does not measure the medium.',
    ],
    ['稀疏读：读测试前磁盘未写覆盖。该结果测的不是介质性能。'],
  ],
  [
    'failed',
    base({ flags: ['failed-run'] }),
    [],
    ['Failed run: fio reported an error, or every metric is zero.'],
    ['运行失败：fio 报告了错误，或所有指标都为 0。'],
  ],
  [
    'incomplete',
    base({ flags: ['incomplete', 'failed-run'] }),
    [],
    [
      'Incomplete: the row names a test cell but has no measured value (blank in the source). Kept so that coverage shows what is missing.',
      'Failed run: fio reported an error, or every metric is zero.',
    ],
    [
      '不完整：这一行给出了测试环境，但没有任何测量值（原文为空）。保留以显示覆盖缺口。',
      '运行失败：fio 报告了错误，或所有指标都为 0。',
    ],
  ],
];

describe('flag explanations', () => {
  it.each(CASES)('%s reads the same in both languages', (_name, r, set, en, zh) => {
    expect(explainFlags(r, 'en', set).map((e) => e.text)).toEqual(en);
    expect(explainFlags(r, 'zh', set).map((e) => e.text)).toEqual(zh);
  });
  it('has every key in both languages, with the same placeholders', () => {
    expect(tableMismatches(FLAG_TEXT)).toEqual([]);
  });
});
