/**
 * The explanations of the data-quality flags (flags.ts, explainFlags) in both languages, as one
 * typed key table (core/i18n): `zh` must have every key of `en`, placeholders are `{name}`.
 */
import { keyTables } from '../i18n/key-table';

const en = {
  'unitSuspect.noRatio': 'Unit suspect: IOPS and latency disagree with Little’s law.',
  unitSuspect:
    'Unit suspect: IOPS × mean latency = {iops} × {latency} µs ≈ {inFlight} I/Os in flight, but the job keeps {depthTerm} = {depth} in flight (off by {factor}×, more than 2×). The latency or IOPS unit is probably wrong; the value is kept as written.',
  'unitSuspect.depth': 'iodepth × numjobs',
  'unitSuspect.depth.sync': '1 × numjobs (synchronous engine {engine})',

  sparseRead: 'Sparse read: {reasons}. This number does not measure the medium.',
  'sparseRead.separator': '; ',
  'sparseRead.file':
    'the disk was not pre-written and is an image file on a host filesystem with prealloc {prealloc}: reads hit holes (unallocated or unwritten extents) and never touch the medium',
  'sparseRead.qcow2':
    'the disk was not pre-written and is a qcow2 image without preallocation: reads hit unallocated clusters',
  'sparseRead.comparison':
    'its {iops} IOPS exceed twice the {base} IOPS of the same cell read after pre-writing',
  'sparseRead.notPrewritten': 'the disk was not pre-written before this read',

  failedRun: 'Failed run: fio reported an error, or every metric is zero.',
  incomplete:
    'Incomplete: the row names a test cell but has no measured value (blank in the source). Kept so that coverage shows what is missing.',
};

export type FlagMessageKey = keyof typeof en;

export const FLAG_TEXT = keyTables<FlagMessageKey>(en, {
  'unitSuspect.noRatio': '单位可疑：IOPS 与延迟不符合 Little 定律。',
  unitSuspect:
    '单位可疑：IOPS × 平均延迟 = {iops} × {latency} µs ≈ {inFlight} 个在途 I/O，而 {depthTerm} = {depth}（相差 {factor} 倍，超过 2 倍）。延迟或 IOPS 的单位很可能写错了；数值按原样保留。',
  'unitSuspect.depth': 'iodepth × numjobs',
  'unitSuspect.depth.sync': '1 × numjobs（同步引擎 {engine}）',

  sparseRead: '稀疏读：{reasons}。该结果测的不是介质性能。',
  'sparseRead.separator': '；',
  'sparseRead.file':
    '磁盘测试前未写覆盖，且是宿主机文件系统上的镜像文件（预分配 {prealloc}）：读到的是空洞（未分配/未写入的区域），不经过存储介质',
  'sparseRead.qcow2': '磁盘测试前未写覆盖，且是未预分配的 qcow2：读到的是未分配的簇',
  'sparseRead.comparison': '其 IOPS {iops} 超过同一环境写覆盖后读 IOPS {base} 的 2 倍',
  'sparseRead.notPrewritten': '读测试前磁盘未写覆盖',

  failedRun: '运行失败：fio 报告了错误，或所有指标都为 0。',
  incomplete: '不完整：这一行给出了测试环境，但没有任何测量值（原文为空）。保留以显示覆盖缺口。',
});
