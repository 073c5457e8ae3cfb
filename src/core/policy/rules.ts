/**
 * The policy as data. Each rule has an id, a declarative condition over Facts (facts.ts), an
 * effect, a reason in English and Chinese, and citation ids into citations.ts. The engine
 * (recommend.ts) applies them in this order:
 *   1. hard rules (H*): validity — a mode that cannot work on this disk/host is removed; a network
 *      protocol disk gets `n/a`;
 *   2. the first matching layout rule (L*): one per row of the research's table §8.2 — the modes
 *      in preference order, a base confidence, and whether sources disagree (§9);
 *   3. avoid rules (A*): a valid mode that a platform had to switch off for stability;
 *   4. warnings (W*) and mode risks (R*): shown as risks; R* only when that mode is recommended;
 *   5. modifiers (M*): notes that never change the mode (HDD, IOThreads, buffered cache).
 * Texts may contain {placeholders} filled from the facts (see recommend.ts `fill`).
 */
import type { AioMode, Prealloc } from '../model/record.types';
import type { Confidence, Lang, Platform } from './policy.types';
import type { CitationId } from './citations';
import type { Layout, MediumClass } from './facts';

/** All fields optional; every given field must match. Arrays mean "one of". */
export interface Condition {
  layout?: readonly Layout[];
  cacheDirect?: boolean;
  ioUringAvailable?: boolean;
  /** io_uring blocked by versions (kernel, QEMU, libvirt), independent of the sysctl. */
  ioUringVersionGap?: boolean;
  ioUringDisabled?: boolean;
  lvm?: boolean;
  krbd?: boolean;
  preallocated?: boolean;
  prealloc?: readonly (Prealloc | null)[];
  medium?: readonly MediumClass[];
  iothread?: readonly (boolean | null)[];
  qemuWarnOnlyFallback?: boolean;
  platform?: readonly (Platform | 'generic')[];
}

export type Effect =
  /** Hard: the aio setting does not apply (in-QEMU network driver). */
  | { kind: 'not-applicable' }
  /** Hard: the mode is invalid or unavailable here. */
  | { kind: 'forbid'; mode: AioMode }
  /** Layout: the modes in preference order (all valid ones are acceptable). */
  | {
      kind: 'layout';
      prefer: readonly AioMode[];
      confidence: Confidence;
      maxConfidence?: Confidence;
      contested?: boolean;
    }
  /** Remove a valid mode for stability; the text is a risk shown when the mode was a candidate. */
  | { kind: 'avoid'; mode: AioMode }
  /** A risk always shown for this disk (why a tempting mode is not chosen). */
  | { kind: 'warn' }
  /** A risk shown only when `mode` is the recommendation. */
  | { kind: 'risk'; modes: readonly AioMode[] }
  /** A note that does not change the mode. */
  | { kind: 'note' };

export interface Rule {
  id: string;
  stage: 'hard' | 'layout' | 'avoid' | 'warn' | 'risk' | 'modifier';
  condition: Condition;
  effect: Effect;
  text: Record<Lang, string>;
  citations: readonly CitationId[];
  /** Research table row (§8.2) or section this rule implements, for the rule list. */
  implements: string;
}

const BLOCKISH: readonly Layout[] = ['block-raw', 'block-thin', 'block-qcow2-lvm'];
const O_DIRECT_FAST: readonly Layout[] = [
  'block-raw',
  'block-qcow2-lvm',
  'file-full',
  'file-falloc',
];

export const RULES: readonly Rule[] = [
  // ── 1. Hard rules ────────────────────────────────────────────────────────────────────────
  {
    id: 'H3-network-protocol',
    stage: 'hard',
    implements: '§8.1 H3, §8.2 row 1',
    condition: { layout: ['network'] },
    effect: { kind: 'not-applicable' },
    text: {
      en: 'QEMU reaches this disk through its own network driver{protocol}; the aio setting does not apply, so there is nothing to choose.',
      zh: '该磁盘由 QEMU 自带的网络驱动访问{protocol}；aio 设置对其无效，无需选择。',
    },
    citations: ['nova-spec-network', 'nova-bcf246f', 'ovirt-engine-native-io'],
  },
  {
    id: 'H1-native-needs-odirect',
    stage: 'hard',
    implements: '§8.1 H1',
    condition: { cacheDirect: false },
    effect: { kind: 'forbid', mode: 'native' },
    text: {
      en: 'native needs O_DIRECT (cache none or directsync); with cache={cache} QEMU 2.6 and later refuse to start, libvirt rejects it, and nova rewrites it to threads.',
      zh: 'native 需要 O_DIRECT（cache 为 none 或 directsync）；cache={cache} 时 QEMU 2.6 及以后版本拒绝启动，libvirt 拒绝该配置，nova 会将其改写为 threads。',
    },
    citations: [
      'qemu-file-posix',
      'qemu-2.6-error',
      'libvirt-native-cache-check',
      'nova-cache-interlock',
    ],
  },
  {
    id: 'H2-io-uring-versions',
    stage: 'hard',
    implements: '§8.1 H2',
    condition: { ioUringVersionGap: true },
    effect: { kind: 'forbid', mode: 'io_uring' },
    text: {
      en: 'io_uring is unavailable on this host ({gaps}): it needs kernel 5.1, QEMU 5.0 and libvirt 6.3 or later.',
      zh: '此主机无法使用 io_uring（{gaps}）：需要内核 ≥ 5.1、QEMU ≥ 5.0、libvirt ≥ 6.3。',
    },
    citations: [
      'lwn-io-uring',
      'qemu-io-uring-5.0',
      'libvirt-formatdomain',
      'libvirt-io-uring-patch',
    ],
  },
  {
    id: 'H2-io-uring-disabled',
    stage: 'hard',
    implements: '§8.1 H2',
    condition: { ioUringDisabled: true },
    effect: { kind: 'forbid', mode: 'io_uring' },
    text: {
      en: 'io_uring is switched off on this host (RHEL 9 ships it disabled; kernel.io_uring_disabled on 6.6+).',
      zh: '此主机禁用了 io_uring（RHEL 9 默认禁用；6.6 及以上内核可由 kernel.io_uring_disabled 关闭）。',
    },
    citations: ['rhel9-io-uring-off', 'kernel-io-uring-disabled'],
  },
  {
    id: 'H5-kubevirt-no-io-uring',
    stage: 'hard',
    implements: '§7.1',
    condition: { platform: ['kubevirt'] },
    effect: { kind: 'forbid', mode: 'io_uring' },
    text: {
      en: "KubeVirt's admission webhook accepts only native or threads.",
      zh: 'KubeVirt 的准入校验只接受 native 或 threads。',
    },
    citations: ['kubevirt-no-io-uring'],
  },
  // ── 2. Layout rules (§8.2 rows 2–11; row 12 is H2 applied to them) ───────────────────────
  {
    id: 'L2-block-raw',
    stage: 'layout',
    implements: '§8.2 rows 2, 3',
    condition: { layout: ['block-raw'] },
    effect: { kind: 'layout', prefer: ['native', 'io_uring', 'threads'], confidence: 'high' },
    text: {
      en: 'Raw block device (thick LV or LUN): native is the established choice — oVirt/RHV block domains, nova iSCSI/FC volumes and KubeVirt block volumes all use it.',
      zh: '裸块设备（厚置备 LV 或 LUN）：native 是公认的选择——oVirt/RHV 块存储域、nova 的 iSCSI/FC 卷和 KubeVirt 块卷都使用它。',
    },
    citations: [
      'vdsm-driver-xml',
      'nova-volume-drivers',
      'kubevirt-set-optimal-io',
      'rhel7-io-mode',
    ],
  },
  {
    id: 'L4-block-thin',
    stage: 'layout',
    implements: '§8.2 row 4',
    condition: { layout: ['block-thin'] },
    effect: { kind: 'layout', prefer: ['io_uring', 'threads', 'native'], confidence: 'medium' },
    text: {
      en: 'Thin-provisioned block storage allocates on first write: io_uring if the host has it, else threads; nova keeps threads for sparse LVs.',
      zh: '精简置备块存储在首次写入时分配空间：主机支持时用 io_uring，否则用 threads；nova 对稀疏 LV 保持 threads。',
    },
    citations: ['nova-rfc-mail', 'nova-imagebackend-lvm', 'pve-ec5d198e'],
  },
  {
    id: 'L5-qcow2-on-lvm',
    stage: 'layout',
    implements: '§8.2 row 5, §9 item 5',
    condition: { layout: ['block-qcow2-lvm'] },
    effect: {
      kind: 'layout',
      prefer: ['native', 'io_uring', 'threads'],
      confidence: 'medium',
      contested: true,
    },
    text: {
      en: 'qcow2 directly on shared LVM (no host filesystem, e.g. SharedBlock): native, as oVirt/RHV block domains have run it with cache=none since 2011. Sources disagree on images that grow on demand, and ZStack judged it probably safe but unproven.',
      zh: 'qcow2 直接位于共享 LVM 上（无宿主机文件系统，如 SharedBlock）：用 native，oVirt/RHV 块存储域自 2011 年起即以 cache=none + native 运行。对按需增长的镜像各方说法不一，ZStack 认为大概率安全但未证实。',
    },
    citations: ['vdsm-driver-xml', 'rhel7-io-mode', 'zstack-sharedblock', 'nova-rfc-mail'],
  },
  {
    id: 'L6-file-full',
    stage: 'layout',
    implements: '§8.2 row 6',
    condition: { layout: ['file-full'] },
    effect: { kind: 'layout', prefer: ['native', 'io_uring', 'threads'], confidence: 'high' },
    text: {
      en: 'Fully allocated image file (preallocation full): native or io_uring, whichever measures faster; nova (preallocate_images=space) and KubeVirt choose native for preallocated files.',
      zh: '完全预分配的镜像文件（full）：native 或 io_uring，以实测更快者为准；nova（preallocate_images=space）和 KubeVirt 对预分配文件选择 native。',
    },
    citations: ['nova-imagebackend', 'kubevirt-set-optimal-io', 'ibm-kvmonz'],
  },
  {
    id: 'L6-file-falloc',
    stage: 'layout',
    implements: '§8.2 row 6 (falloc), §9',
    condition: { layout: ['file-falloc'] },
    effect: {
      kind: 'layout',
      prefer: ['native', 'io_uring', 'threads'],
      confidence: 'medium',
      maxConfidence: 'medium',
    },
    text: {
      en: 'falloc reserves the space without writing it: nova and KubeVirt count such a file as preallocated and use native, but ZStack rated falloc "in between" sparse and full.',
      zh: 'falloc 只预留空间、不写入数据：nova 和 KubeVirt 视其为已预分配并使用 native，但 ZStack 认为 falloc 介于稀疏与 full 之间。',
    },
    citations: ['nova-imagebackend', 'kubevirt-set-optimal-io', 'zstack-2023q1'],
  },
  {
    id: 'L7-file-sparse-metadata',
    stage: 'layout',
    implements: '§8.2 row 7, §9 item 4',
    condition: { layout: ['file-sparse'], prealloc: ['metadata'] },
    effect: {
      kind: 'layout',
      prefer: ['io_uring', 'threads'],
      confidence: 'medium',
      contested: true,
    },
    text: {
      en: 'preallocation=metadata is still sparse for data: io_uring if the host has it, else threads. Sources disagree — nova\'s spec calls qcow2 "pre-allocated" without defining it; KubeVirt and ZStack treat metadata-only images as sparse.',
      zh: 'preallocation=metadata 的数据部分仍是稀疏的：主机支持时用 io_uring，否则用 threads。各方说法不一——nova 规范称 qcow2 为"预分配"却未定义；KubeVirt 与 ZStack 把仅预分配元数据的镜像视为稀疏。',
    },
    citations: ['nova-spec', 'kubevirt-set-optimal-io', 'zstack-2023q1'],
  },
  {
    id: 'L7-file-sparse',
    stage: 'layout',
    implements: '§8.2 rows 7, 8',
    condition: { layout: ['file-sparse'] },
    effect: { kind: 'layout', prefer: ['io_uring', 'threads'], confidence: 'high' },
    text: {
      en: 'Sparse image file (preallocation {prealloc}): the filesystem allocates blocks on first write, so io_uring if the host has it, else threads. nova and KubeVirt never select native for such files.',
      zh: '稀疏镜像文件（预分配 {prealloc}）：文件系统在首次写入时分配块，因此主机支持时用 io_uring，否则用 threads。nova 与 KubeVirt 都不会对这类文件选择 native。',
    },
    citations: ['nova-spec', 'kubevirt-ionative-doc', 'kubevirt-set-optimal-io'],
  },
  {
    id: 'L9-nfs-preallocated',
    stage: 'layout',
    implements: '§8.2 row 9, §9 item 2',
    condition: { layout: ['nfs'], preallocated: true },
    effect: {
      kind: 'layout',
      prefer: ['io_uring', 'native', 'threads'],
      confidence: 'medium',
      contested: true,
    },
    text: {
      en: 'Preallocated image on NFS: io_uring if the host has it (Proxmox default), else native. Sources disagree: nova forces native on NFS volumes, oVirt uses threads on NFS domains.',
      zh: 'NFS 上的预分配镜像：主机支持时用 io_uring（Proxmox 默认），否则用 native。各方不一致：nova 对 NFS 卷强制 native，oVirt 对 NFS 存储域使用 threads。',
    },
    citations: ['pve-drive-pm', 'nova-volume-drivers', 'vdsm-driver-xml'],
  },
  {
    id: 'L9-nfs-sparse',
    stage: 'layout',
    implements: '§8.2 row 9, §9 item 2',
    condition: { layout: ['nfs'] },
    effect: {
      kind: 'layout',
      prefer: ['io_uring', 'threads'],
      confidence: 'medium',
      contested: true,
    },
    text: {
      en: 'Sparse image on NFS: io_uring if the host has it (Proxmox default), else threads (as oVirt does). Sources disagree: nova forces native on NFS volumes.',
      zh: 'NFS 上的稀疏镜像：主机支持时用 io_uring（Proxmox 默认），否则用 threads（与 oVirt 相同）。各方不一致：nova 对 NFS 卷强制 native。',
    },
    citations: ['pve-drive-pm', 'vdsm-driver-xml', 'nova-volume-drivers', 'nova-spec'],
  },
  {
    id: 'L10-cifs',
    stage: 'layout',
    implements: '§8.2 row 10',
    condition: { layout: ['cifs'], preallocated: true },
    // io_uring is listed last so that A-io-uring-cifs removes it with its reason shown.
    effect: { kind: 'layout', prefer: ['native', 'threads', 'io_uring'], confidence: 'medium' },
    text: {
      en: "Preallocated image on CIFS/SMB: native (Proxmox's choice with cache=none), else threads.",
      zh: 'CIFS/SMB 上的预分配镜像：用 native（Proxmox 在 cache=none 时的选择），否则用 threads。',
    },
    citations: ['pve-drive-pm', 'pve-e31762f2'],
  },
  {
    id: 'L10-cifs-sparse',
    stage: 'layout',
    implements: '§8.2 row 10',
    condition: { layout: ['cifs'] },
    effect: { kind: 'layout', prefer: ['threads', 'io_uring'], confidence: 'medium' },
    text: {
      en: 'Sparse image on CIFS/SMB: threads — native risks allocation stalls and io_uring has a CIFS regression since kernel 5.15.',
      zh: 'CIFS/SMB 上的稀疏镜像：用 threads——native 有分配阻塞风险，io_uring 自 5.15 内核起在 CIFS 上有问题。',
    },
    citations: ['nova-spec', 'pve-e31762f2'],
  },
  {
    id: 'L11-gluster',
    stage: 'layout',
    implements: '§8.2 row 11, §9 item 3',
    condition: { layout: ['gluster'] },
    effect: {
      kind: 'layout',
      prefer: ['threads', 'io_uring'],
      confidence: 'medium',
      contested: true,
    },
    text: {
      en: 'Image on GlusterFS (FUSE): threads. oVirt switched Gluster to native in 2018 and back to threads in 2019.',
      zh: 'GlusterFS（FUSE）上的镜像：用 threads。oVirt 曾在 2018 年改为 native，2019 年又改回 threads。',
    },
    citations: ['ovirt-gluster-revert'],
  },
  {
    id: 'L0-unknown',
    stage: 'layout',
    implements: '§8.3 rule 8',
    condition: { layout: ['unknown'] },
    effect: { kind: 'layout', prefer: ['threads'], confidence: 'low' },
    text: {
      en: "The disk's layout is not known (source type or storage missing): QEMU's default, threads, is the safe choice until it is.",
      zh: '磁盘布局未知（缺少来源类型或存储类型）：在弄清之前，QEMU 的默认值 threads 是安全的选择。',
    },
    citations: ['qemu-qapi-default'],
  },
  // ── 3. Avoid rules: valid, but switched off by a platform for stability ───────────────────
  {
    id: 'A-io-uring-lvm',
    stage: 'avoid',
    implements: '§8.3 rule 6, §8.2 rows 2, 5',
    condition: { lvm: true },
    effect: { kind: 'avoid', mode: 'io_uring' },
    text: {
      en: 'io_uring on thick LVM: Proxmox switched it off after users reported crashes and hangs (2021).',
      zh: '厚置备 LVM 上的 io_uring：Proxmox 因用户报告崩溃和挂起（2021）而将其关闭。',
    },
    citations: ['pve-78a3ada7'],
  },
  {
    id: 'A-io-uring-krbd-buffered',
    stage: 'avoid',
    implements: '§8.3 rule 6, §8.2 row 3',
    condition: { krbd: true, cacheDirect: false },
    effect: { kind: 'avoid', mode: 'io_uring' },
    text: {
      en: 'io_uring on krbd with writeback/writethrough cache hung in Proxmox (QEMU 6.0).',
      zh: 'krbd 配合 writeback/writethrough 缓存时 io_uring 在 Proxmox 中出现挂起（QEMU 6.0）。',
    },
    citations: ['pve-628937f5'],
  },
  {
    id: 'A-io-uring-cifs',
    stage: 'avoid',
    implements: '§8.3 rule 6, §8.2 row 10',
    condition: { layout: ['cifs'] },
    effect: { kind: 'avoid', mode: 'io_uring' },
    text: {
      en: 'io_uring on CIFS: Proxmox disabled it because of a kernel issue since 5.15 that has no fix.',
      zh: 'CIFS 上的 io_uring：由于 5.15 起的内核问题且无修复方案，Proxmox 已将其禁用。',
    },
    citations: ['pve-e31762f2'],
  },
  // ── 4. Warnings (always shown) and mode risks (shown when that mode is chosen) ─────────────
  {
    id: 'W-native-sparse',
    stage: 'warn',
    implements: '§8.3 rule 2, §8.2 row 7',
    condition: { layout: ['file-sparse', 'nfs', 'cifs'], preallocated: false },
    effect: { kind: 'warn' },
    text: {
      en: 'native on a sparse file can stall the VM while the filesystem allocates blocks: io_submit blocks on block allocation and metadata updates.',
      zh: '在稀疏文件上使用 native，文件系统分配块时可能导致虚拟机卡顿：io_submit 会因块分配和元数据更新而阻塞。',
    },
    citations: ['nova-spec', 'kubevirt-ionative-doc', 'goldwyn-2017', 'blockbridge-aio-blocks'],
  },
  {
    id: 'W-native-sparse-no-iothread',
    stage: 'warn',
    implements: '§5 (Surisetty), §8.2 row 7',
    condition: {
      layout: ['file-sparse', 'nfs', 'cifs'],
      preallocated: false,
      iothread: [false, null],
    },
    effect: { kind: 'warn' },
    text: {
      en: "Without an IOThread, native's io_submit runs under QEMU's global mutex, so such a stall reaches the vCPUs.",
      zh: '没有 IOThread 时，native 的 io_submit 在 QEMU 全局锁下执行，此类阻塞会波及 vCPU。',
    },
    citations: ['surisetty-2016'],
  },
  {
    id: 'W-native-thin',
    stage: 'warn',
    implements: '§8.2 row 4',
    condition: { layout: ['block-thin'] },
    effect: { kind: 'warn' },
    text: {
      en: 'native on thin-provisioned storage can block while blocks are allocated on first write; nova warns against it for sparse LVM.',
      zh: '精简置备存储上使用 native，首次写入分配块时可能阻塞；nova 明确反对在稀疏 LVM 上使用。',
    },
    citations: ['nova-rfc-mail'],
  },
  {
    id: 'W-native-gluster',
    stage: 'warn',
    implements: '§8.2 row 11',
    condition: { layout: ['gluster'] },
    effect: { kind: 'warn' },
    text: {
      en: 'native on GlusterFS was tried by oVirt and reverted (BZ 1701736).',
      zh: 'oVirt 曾在 GlusterFS 上尝试 native，后已回退（BZ 1701736）。',
    },
    citations: ['ovirt-gluster-revert'],
  },
  {
    id: 'R-falloc-caveat',
    stage: 'risk',
    implements: '§7.5, §9 item 4',
    condition: { layout: ['file-falloc'] },
    effect: { kind: 'risk', modes: ['native'] },
    text: {
      en: 'Caveat: falloc allocates space without writing zeros, and ZStack could not confirm that native is safe on it; prefer full for native, or check first-write tail latency before making it the default.',
      zh: '注意：falloc 只分配空间不置零，ZStack 无法确认 native 在其上是否安全；使用 native 时优先 full，或在设为默认前检查首次写入的尾延迟。',
    },
    citations: ['zstack-2023q1', 'kubevirt-ionative-doc'],
  },
  {
    id: 'R-native-queue-depth',
    stage: 'risk',
    implements: '§8.2 modifiers (queue depth)',
    condition: {},
    effect: { kind: 'risk', modes: ['native'] },
    text: {
      en: 'native can also block when more requests are in flight than the block layer holds (nr_requests, 128 by default).',
      zh: '当在途请求数超过块层队列（nr_requests，默认 128）时，native 同样可能阻塞。',
    },
    citations: ['axboe-nr-requests'],
  },
  {
    id: 'R-qemu-warn-only',
    stage: 'risk',
    implements: '§8.1 H4',
    condition: { qemuWarnOnlyFallback: true },
    effect: { kind: 'risk', modes: ['native', 'io_uring'] },
    text: {
      en: 'On recent QEMU (file-posix change of 2023-09-14; assumed from 8.2) a failed native/io_uring setup only warns and runs threads: check the QEMU log for the mode actually used.',
      zh: '较新的 QEMU（2023-09-14 的 file-posix 修改，按 8.2 起计）在 native/io_uring 初始化失败时只告警并改用 threads：请检查 QEMU 日志确认实际生效的模式。',
    },
    citations: ['qemu-8.2-fallback'],
  },
  // ── 5. Modifiers: notes that never change the mode ───────────────────────────────────────
  {
    id: 'M-hdd',
    stage: 'modifier',
    implements: '§8.2 modifiers (medium)',
    condition: { medium: ['hdd'] },
    effect: { kind: 'note' },
    text: {
      en: 'On HDD the modes make no difference: the seed measured none. Do not change the default on HDD data alone.',
      zh: 'HDD 上各模式没有差别：种子测试未测出差异。不要仅凭 HDD 数据修改默认值。',
    },
    citations: ['zstack-hdd'],
  },
  {
    id: 'M-parity',
    stage: 'modifier',
    implements: '§8.3 rule 10',
    condition: { layout: O_DIRECT_FAST, cacheDirect: true, ioUringAvailable: true, lvm: false },
    effect: { kind: 'note' },
    text: {
      en: "native and io_uring are within about ±7% of each other in the QEMU maintainer's 2025 data: either is fine; the measured winner decides.",
      zh: 'QEMU 维护者 2025 年的数据中 native 与 io_uring 相差约 ±7% 以内：两者皆可，以实测胜者为准。',
    },
    citations: ['hajnoczi-2025'],
  },
  {
    id: 'M-buffered-io-uring',
    stage: 'modifier',
    implements: '§8.3 rule 5, §8.2 rows 3, 8',
    condition: { cacheDirect: false, ioUringAvailable: true },
    effect: { kind: 'note' },
    text: {
      en: 'io_uring works with buffered cache modes too, so it is the fast option with writeback or writethrough.',
      zh: 'io_uring 也支持带缓存的模式，因此在 writeback 或 writethrough 下它是更快的选择。',
    },
    citations: ['qemu-file-posix', 'pve-drive-pm'],
  },
  {
    id: 'M-iothread',
    stage: 'modifier',
    implements: '§8.2 modifiers (IOThreads)',
    condition: {
      iothread: [false, null],
      layout: [...BLOCKISH, 'file-full', 'file-falloc', 'file-sparse', 'nfs', 'cifs', 'gluster'],
    },
    effect: { kind: 'note' },
    text: {
      en: "Give the disk an IOThread: it gained +19% to +38% at queue depth 1 in the QEMU maintainer's 2025 data — more than native vs io_uring.",
      zh: '为磁盘配置 IOThread：QEMU 维护者 2025 年的数据显示其在队列深度 1 时提升 19%–38%，超过 native 与 io_uring 之间的差距。',
    },
    citations: ['hajnoczi-2025-iothread', 'blockbridge-iothreads'],
  },
];

/** Rule by id (for the rule list in the report and the CLI). */
export function rule(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
