/**
 * The texts of the policy's rules (rules.ts) in both languages, as one typed key table
 * (core/i18n) keyed by rule id: `zh` must have every key of `en`, placeholders are `{name}`
 * ({cache}, {gaps}, {prealloc}, {protocol}: filled from the facts by recommend.base.ts `fill`).
 * A rule's id is its text key, so a rule without a text (or a text without a rule) fails typecheck.
 */
import { keyTables } from '../i18n/key-table';

const en = {
  'H3-network-protocol':
    'QEMU reaches this disk through its own network driver{protocol}; the aio setting does not apply, so there is nothing to choose.',
  'H1-native-needs-odirect':
    'native needs O_DIRECT (cache none or directsync); with cache={cache} QEMU 2.6 and later refuse to start, libvirt rejects it, and nova rewrites it to threads.',
  'H2-io-uring-versions':
    'io_uring is unavailable on this host ({gaps}): it needs kernel 5.1, QEMU 5.0 and libvirt 6.3 or later.',
  'H2-io-uring-disabled':
    'io_uring is switched off on this host (RHEL 9 ships it disabled; kernel.io_uring_disabled on 6.6+).',
  'H5-kubevirt-no-io-uring': "KubeVirt's admission webhook accepts only native or threads.",
  'L2-block-raw':
    'Raw block device (thick LV or LUN): native is the established choice — oVirt/RHV block domains, nova iSCSI/FC volumes and KubeVirt block volumes all use it.',
  'L4-block-thin':
    'Thin-provisioned block storage allocates on first write: io_uring if the host has it, else threads; nova keeps threads for sparse LVs.',
  'L5-qcow2-on-lvm':
    'qcow2 directly on shared LVM (no host filesystem, e.g. SharedBlock): native, as oVirt/RHV block domains have run it with cache=none since 2011. Sources disagree on images that grow on demand, and ZStack judged it probably safe but unproven.',
  'L6-file-full':
    'Fully allocated image file (preallocation full): native or io_uring, whichever measures faster; nova (preallocate_images=space) and KubeVirt choose native for preallocated files.',
  'L6-file-falloc':
    'falloc reserves the space without writing it: nova and KubeVirt count such a file as preallocated and use native, but ZStack rated falloc "in between" sparse and full.',
  'L7-file-sparse-metadata':
    'preallocation=metadata is still sparse for data: io_uring if the host has it, else threads. Sources disagree — nova\'s spec calls qcow2 "pre-allocated" without defining it; KubeVirt and ZStack treat metadata-only images as sparse.',
  'L7-file-sparse':
    'Sparse image file (preallocation {prealloc}): the filesystem allocates blocks on first write, so io_uring if the host has it, else threads. nova and KubeVirt never select native for such files.',
  'L9-nfs-preallocated':
    'Preallocated image on NFS: io_uring if the host has it (Proxmox default), else native. Sources disagree: nova forces native on NFS volumes, oVirt uses threads on NFS domains.',
  'L9-nfs-sparse':
    'Sparse image on NFS: io_uring if the host has it (Proxmox default), else threads (as oVirt does). Sources disagree: nova forces native on NFS volumes.',
  'L10-cifs':
    "Preallocated image on CIFS/SMB: native (Proxmox's choice with cache=none), else threads.",
  'L10-cifs-sparse':
    'Sparse image on CIFS/SMB: threads — native risks allocation stalls and io_uring has a CIFS regression since kernel 5.15.',
  'L11-gluster':
    'Image on GlusterFS (FUSE): threads. oVirt switched Gluster to native in 2018 and back to threads in 2019.',
  'L0-unknown':
    "The disk's layout is not known (source type or storage missing): QEMU's default, threads, is the safe choice until it is.",
  'A-io-uring-lvm':
    'io_uring on thick LVM: Proxmox switched it off after users reported crashes and hangs (2021).',
  'A-io-uring-krbd-buffered':
    'io_uring on krbd with writeback/writethrough cache hung in Proxmox (QEMU 6.0).',
  'A-io-uring-cifs':
    'io_uring on CIFS: Proxmox disabled it because of a kernel issue since 5.15 that has no fix.',
  'W-native-sparse':
    'native on a sparse file can stall the VM while the filesystem allocates blocks: io_submit blocks on block allocation and metadata updates.',
  'W-native-sparse-no-iothread':
    "Without an IOThread, native's io_submit runs under QEMU's global mutex, so such a stall reaches the vCPUs.",
  'W-native-thin':
    'native on thin-provisioned storage can block while blocks are allocated on first write; nova warns against it for sparse LVM.',
  'W-native-gluster': 'native on GlusterFS was tried by oVirt and reverted (BZ 1701736).',
  'R-falloc-caveat':
    'Caveat: falloc allocates space without writing zeros, and ZStack could not confirm that native is safe on it; prefer full for native, or check first-write tail latency before making it the default.',
  'R-native-queue-depth':
    'native can also block when more requests are in flight than the block layer holds (nr_requests, 128 by default).',
  'R-qemu-warn-only':
    'On recent QEMU (file-posix change of 2023-09-14; assumed from 8.2) a failed native/io_uring setup only warns and runs threads: check the QEMU log for the mode actually used.',
  'M-hdd':
    'On HDD the modes make no difference: the seed measured none. Do not change the default on HDD data alone.',
  'M-parity':
    "native and io_uring are within about ±7% of each other in the QEMU maintainer's 2025 data: either is fine; the measured winner decides.",
  'M-buffered-io-uring':
    'io_uring works with buffered cache modes too, so it is the fast option with writeback or writethrough.',
  'M-iothread':
    "Give the disk an IOThread: it gained +19% to +38% at queue depth 1 in the QEMU maintainer's 2025 data — more than native vs io_uring.",
};

export type RuleId = keyof typeof en;

export const RULE_TEXT = keyTables<RuleId>(en, {
  'H3-network-protocol': '该磁盘由 QEMU 自带的网络驱动访问{protocol}；aio 设置对其无效，无需选择。',
  'H1-native-needs-odirect':
    'native 需要 O_DIRECT（cache 为 none 或 directsync）；cache={cache} 时 QEMU 2.6 及以后版本拒绝启动，libvirt 拒绝该配置，nova 会将其改写为 threads。',
  'H2-io-uring-versions':
    '此主机无法使用 io_uring（{gaps}）：需要内核 ≥ 5.1、QEMU ≥ 5.0、libvirt ≥ 6.3。',
  'H2-io-uring-disabled':
    '此主机禁用了 io_uring（RHEL 9 默认禁用；6.6 及以上内核可由 kernel.io_uring_disabled 关闭）。',
  'H5-kubevirt-no-io-uring': 'KubeVirt 的准入校验只接受 native 或 threads。',
  'L2-block-raw':
    '裸块设备（厚置备 LV 或 LUN）：native 是公认的选择——oVirt/RHV 块存储域、nova 的 iSCSI/FC 卷和 KubeVirt 块卷都使用它。',
  'L4-block-thin':
    '精简置备块存储在首次写入时分配空间：主机支持时用 io_uring，否则用 threads；nova 对稀疏 LV 保持 threads。',
  'L5-qcow2-on-lvm':
    'qcow2 直接位于共享 LVM 上（无宿主机文件系统，如 SharedBlock）：用 native，oVirt/RHV 块存储域自 2011 年起即以 cache=none + native 运行。对按需增长的镜像各方说法不一，ZStack 认为大概率安全但未证实。',
  'L6-file-full':
    '完全预分配的镜像文件（full）：native 或 io_uring，以实测更快者为准；nova（preallocate_images=space）和 KubeVirt 对预分配文件选择 native。',
  'L6-file-falloc':
    'falloc 只预留空间、不写入数据：nova 和 KubeVirt 视其为已预分配并使用 native，但 ZStack 认为 falloc 介于稀疏与 full 之间。',
  'L7-file-sparse-metadata':
    'preallocation=metadata 的数据部分仍是稀疏的：主机支持时用 io_uring，否则用 threads。各方说法不一——nova 规范称 qcow2 为"预分配"却未定义；KubeVirt 与 ZStack 把仅预分配元数据的镜像视为稀疏。',
  'L7-file-sparse':
    '稀疏镜像文件（预分配 {prealloc}）：文件系统在首次写入时分配块，因此主机支持时用 io_uring，否则用 threads。nova 与 KubeVirt 都不会对这类文件选择 native。',
  'L9-nfs-preallocated':
    'NFS 上的预分配镜像：主机支持时用 io_uring（Proxmox 默认），否则用 native。各方不一致：nova 对 NFS 卷强制 native，oVirt 对 NFS 存储域使用 threads。',
  'L9-nfs-sparse':
    'NFS 上的稀疏镜像：主机支持时用 io_uring（Proxmox 默认），否则用 threads（与 oVirt 相同）。各方不一致：nova 对 NFS 卷强制 native。',
  'L10-cifs':
    'CIFS/SMB 上的预分配镜像：用 native（Proxmox 在 cache=none 时的选择），否则用 threads。',
  'L10-cifs-sparse':
    'CIFS/SMB 上的稀疏镜像：用 threads——native 有分配阻塞风险，io_uring 自 5.15 内核起在 CIFS 上有问题。',
  'L11-gluster':
    'GlusterFS（FUSE）上的镜像：用 threads。oVirt 曾在 2018 年改为 native，2019 年又改回 threads。',
  'L0-unknown':
    '磁盘布局未知（缺少来源类型或存储类型）：在弄清之前，QEMU 的默认值 threads 是安全的选择。',
  'A-io-uring-lvm': '厚置备 LVM 上的 io_uring：Proxmox 因用户报告崩溃和挂起（2021）而将其关闭。',
  'A-io-uring-krbd-buffered':
    'krbd 配合 writeback/writethrough 缓存时 io_uring 在 Proxmox 中出现挂起（QEMU 6.0）。',
  'A-io-uring-cifs': 'CIFS 上的 io_uring：由于 5.15 起的内核问题且无修复方案，Proxmox 已将其禁用。',
  'W-native-sparse':
    '在稀疏文件上使用 native，文件系统分配块时可能导致虚拟机卡顿：io_submit 会因块分配和元数据更新而阻塞。',
  'W-native-sparse-no-iothread':
    '没有 IOThread 时，native 的 io_submit 在 QEMU 全局锁下执行，此类阻塞会波及 vCPU。',
  'W-native-thin':
    '精简置备存储上使用 native，首次写入分配块时可能阻塞；nova 明确反对在稀疏 LVM 上使用。',
  'W-native-gluster': 'oVirt 曾在 GlusterFS 上尝试 native，后已回退（BZ 1701736）。',
  'R-falloc-caveat':
    '注意：falloc 只分配空间不置零，ZStack 无法确认 native 在其上是否安全；使用 native 时优先 full，或在设为默认前检查首次写入的尾延迟。',
  'R-native-queue-depth':
    '当在途请求数超过块层队列（nr_requests，默认 128）时，native 同样可能阻塞。',
  'R-qemu-warn-only':
    '较新的 QEMU（2023-09-14 的 file-posix 修改，按 8.2 起计）在 native/io_uring 初始化失败时只告警并改用 threads：请检查 QEMU 日志确认实际生效的模式。',
  'M-hdd': 'HDD 上各模式没有差别：种子测试未测出差异。不要仅凭 HDD 数据修改默认值。',
  'M-parity':
    'QEMU 维护者 2025 年的数据中 native 与 io_uring 相差约 ±7% 以内：两者皆可，以实测胜者为准。',
  'M-buffered-io-uring':
    'io_uring 也支持带缓存的模式，因此在 writeback 或 writethrough 下它是更快的选择。',
  'M-iothread':
    '为磁盘配置 IOThread：QEMU 维护者 2025 年的数据显示其在队列深度 1 时提升 19%–38%，超过 native 与 io_uring 之间的差距。',
});
