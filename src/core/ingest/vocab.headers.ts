/**
 * Header vocabulary (English and Chinese, case-insensitive): which field a column label names,
 * and the unit its label carries (latency in ns/us/ms/s, bandwidth in KiB/MiB/…).
 */
import { DEFAULT_UNIT, TABLE_FIELDS, normalizeLabel } from './vocab';
import type { ColumnUnit, TableField } from './vocab';

const HEADER_WORDS: Record<TableField, string[]> = {
  set: ['set', 'resultset', '结果集', '数据集'],
  run: [
    'run',
    'repeat',
    'runid',
    'iteration',
    'iter',
    'try',
    'try#',
    'tryno',
    'trial',
    'attempt',
    'repetition',
    'rep',
    '轮次',
    '第几次',
    '重复',
    '次数',
    '第几轮',
    '测试轮次',
  ],
  storage: [
    'storage',
    'storagetype',
    'primarystorage',
    'primarystoragetype',
    'platformstorage',
    '存储类型',
    '主存储类型',
    '主存储',
    '存储',
  ],
  source: ['source', 'disksource', 'imagesource', '接入方式', '存储接入'],
  fs: ['fs', 'filesystem', 'hostfs', '文件系统', '宿主机文件系统'],
  medium: [
    'medium',
    'media',
    'disk',
    'device',
    'devicetype',
    'disktype',
    '存储介质',
    '介质',
    '磁盘类型',
    '硬盘类型',
  ],
  format: ['format', 'imageformat', 'diskformat', '格式', '镜像格式', '磁盘格式'],
  prealloc: [
    'prealloc',
    'preallocation',
    'preallocationmode',
    'imagepreallocation',
    'preallocmode',
    'alloc',
    'allocation',
    'imagealloc',
    '镜像预分配',
    '预分配模式',
    '预分配',
    '预分配策略',
    '云盘预分配策略',
    '磁盘预分配策略',
  ],
  cache: ['cache', 'cachemode', '缓存', '缓存模式'],
  aio: [
    'aio',
    'aiomode',
    'iomode',
    'io',
    'backend',
    'aiobackend',
    'iobackend',
    'aioengine',
    'qemuiomode',
    'qemuaiomode',
    '后端',
    'aio后端',
    'io后端',
    'qemuaio',
    '已开启内核aio',
    '开启内核aio',
    '内核aio',
    'aio模式',
    'io模式',
    'qemuio模式',
  ],
  bus: ['bus', 'diskbus', 'controller', 'i/o抽象层', 'io抽象层', '抽象层', '总线', '磁盘总线'],
  iothread: ['iothread', 'iothreads', 'iothread开启'],
  prewritten: [
    'prewritten',
    'prewrite',
    'prefilled',
    'prefill',
    'preconditioned',
    'precondition',
    'warm',
    'warmed',
    'warmup',
    'prewarmed',
    '预热',
    '已预写',
    '预写入',
    '是否预写',
    '云盘测试前写覆盖',
    '测试前写覆盖',
    '写覆盖',
    '预写',
    '预填充',
  ],
  vms: [
    'vms',
    'vm',
    'vmcount',
    'numvms',
    'vmnumber',
    '云主机数量',
    '虚拟机数量',
    'vm数量',
    '云主机数',
  ],
  layer: ['layer', 'level', '测试层', '层级'],
  rw: [
    'rw',
    'readwrite',
    'mode',
    'workload',
    'pattern',
    'iopattern',
    'op',
    'operation',
    'iotype',
    'rwmode',
    'accesspattern',
    '读写',
    '读写方式',
    '读写模型',
    '读写模式',
    '读写类型',
    '测试模型',
    '模型',
  ],
  bs: [
    'bs',
    'blocksize',
    'blksize',
    'block',
    'blocksz',
    'iosize',
    'requestsize',
    'reqsize',
    '块大小',
    '数据块大小',
    'io大小',
  ],
  iodepth: ['iodepth', 'qd', 'queuedepth', 'depth', 'qdepth', '队列深度', 'io深度', '深度'],
  numjobs: [
    'numjobs',
    'jobs',
    'nj',
    'jobcount',
    'numthreads',
    '作业数',
    '线程数',
    '进程数',
    '并发数',
  ],
  ioengine: ['ioengine', 'engine', 'fioengine', 'io引擎', '引擎'],
  runtime_s: [
    'runtimes',
    'runtime',
    'duration',
    'time',
    'seconds',
    'secs',
    'elapsed',
    'elapsedtime',
    '运行时间',
    '测试时间',
    '时长',
    '耗时',
    '用时',
    '运行时长',
  ],
  iops: [
    'iops',
    'iopspervm',
    'avgiops',
    'meaniops',
    'opss',
    'opspersec',
    'opspersecond',
    'iopersec',
    'iopersecond',
    '每秒读写次数',
    '每秒操作数',
    '每台vm平均',
    '每台云主机平均',
    '单台iops',
    '平均iops',
  ],
  iops_total: [
    'iopstotal',
    'totaliops',
    'sumiops',
    '三台vm累计',
    '累计',
    '累计iops',
    '总iops',
    'iops总和',
  ],
  lat_mean_us: [
    'latmeanus',
    'latmean',
    'latency',
    'lat',
    'meanlatency',
    'avglatency',
    'averagelatency',
    'avglat',
    'meanlat',
    'avgclat',
    'clat',
    'clatmean',
    'completionlatency',
    '延迟',
    '平均延迟',
    '时延',
    '平均时延',
    '延时',
  ],
  lat_p99_us: [
    'latp99us',
    'latp99',
    'p99',
    'p99latency',
    '99thpercentile',
    '99%',
    'clatp99',
    'p99lat',
    'lat99',
    '99thlatency',
    '99分位',
    '99分位延迟',
    'p99时延',
    'p99延迟',
    '99延迟',
    '99%延迟',
  ],
  bw_kib_s: ['bwkibs', 'bw', 'bandwidth', 'throughput', '带宽', '吞吐', '吞吐量'],
  host_kernel: ['hostkernel', 'kernel', 'kernelversion', '内核', '内核版本', '宿主机内核'],
  qemu: ['qemu', 'qemuversion', 'qemu版本'],
  libvirt: ['libvirt', 'libvirtversion', 'libvirt版本'],
  flags: ['flags', 'flag', 'quality', '标记'],
  origin: ['origin', 'provenance', '来源'],
  lat_p999_us: [
    'latp999us',
    'latp999',
    'p999',
    'p99.9',
    'p999latency',
    '99.9thpercentile',
    '99.9%',
    'clatp999',
    'p999延迟',
    '99.9延迟',
    '99.9%延迟',
  ],
  lat_max_us: [
    'latmaxus',
    'latmax',
    'maxlat',
    'maxlatency',
    'clatmax',
    'maxclat',
    '最大延迟',
    '最大时延',
    '最大延时',
  ],
  cpu_us_per_io: [
    'cpuusperio',
    'cpuperio',
    'cpuio',
    'cputimeperio',
    '每io cpu时间',
    '每io cpu',
    '单io cpu时间',
  ],
  restates: ['restates'],
};

const HEADER_INDEX = new Map<string, TableField>();
for (const f of TABLE_FIELDS)
  for (const w of HEADER_WORDS[f]) HEADER_INDEX.set(normalizeLabel(w), f);

/** A header label's field and the unit it names ("延迟(ms)", "lat_ns", "bw (MiB/s)"). */
export interface HeaderMatch {
  field: TableField | null;
  unit: ColumnUnit;
}

const UNIT_SUFFIX =
  /^(.*?)[\s_]*[(（[]?\s*(ns|nsec|us|µs|μs|usec|ms|msec|s|sec|kib\/s|kb\/s|mib\/s|mb\/s|gib\/s|gb\/s|秒|毫秒|微秒|纳秒)\s*[)）\]]?$/i;
const LAT_POW: Record<string, number> = {
  ns: -3,
  nsec: -3,
  us: 0,
  µs: 0,
  μs: 0,
  usec: 0,
  ms: 3,
  msec: 3,
  s: 6,
  sec: 6,
  秒: 6,
  毫秒: 3,
  微秒: 0,
  纳秒: -3,
};
const BW_MULT: Record<string, number> = {
  'kib/s': 1,
  'kb/s': 1000 / 1024,
  'mib/s': 1024,
  'mb/s': 1e6 / 1024,
  'gib/s': 1024 * 1024,
  'gb/s': 1e9 / 1024,
};

/** Maps a header label to a field (case-insensitive, English or Chinese), reading a unit suffix. */
export function matchHeader(label: string): HeaderMatch {
  if (label.length > 100) return { field: null, unit: DEFAULT_UNIT };
  const exact = HEADER_INDEX.get(normalizeLabel(label));
  if (exact) return { field: exact, unit: DEFAULT_UNIT };
  const m = UNIT_SUFFIX.exec(label.trim());
  if (m) {
    const base = HEADER_INDEX.get(normalizeLabel(m[1] ?? ''));
    const u = (m[2] ?? '').toLowerCase();
    if (
      base === 'lat_mean_us' ||
      base === 'lat_p99_us' ||
      base === 'lat_p999_us' ||
      base === 'lat_max_us' ||
      base === 'cpu_us_per_io' ||
      base === 'runtime_s'
    ) {
      const pow = LAT_POW[u];
      if (pow !== undefined) return { field: base, unit: { latPow: pow, bwMult: 1 } };
    }
    // "Bandwidth (MB/s)", or the unit alone as the header ("MB/s").
    if (base === 'bw_kib_s' || (base === undefined && normalizeLabel(m[1] ?? '') === '')) {
      const mult = BW_MULT[u];
      if (mult !== undefined) return { field: 'bw_kib_s', unit: { latPow: 0, bwMult: mult } };
    }
  }
  return { field: null, unit: DEFAULT_UNIT };
}
