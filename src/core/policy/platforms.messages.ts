/**
 * Why each platform picks its mode (platforms.ts) in both languages, as one typed key table
 * (core/i18n): `zh` must have every key of `en`, placeholders are `{name}`.
 */
import { keyTables } from '../i18n/key-table';

const en = {
  'nova.network': 'librbd and other network disks get no driver_io (commit bcf246f).',
  'nova.krbd': 'krbd-attached RBD gets io=native unconditionally.',
  'nova.thickLv': 'A thick LV image or an iSCSI/FC Cinder volume gets io=native.',
  'nova.blockThin': 'With sparse_logical_volumes the LVM backend leaves io unset.',
  'nova.nfs':
    'A Cinder NFS volume gets io=native (operators can opt out since 2026.1); an image on an NFS instances path follows the image rule instead.',
  'nova.preallocated': 'preallocate_images=space (fallocate) makes the image io=native.',
  'nova.sparse': 'Sparse images (preallocate_images=none, the default) keep io unset.',
  'nova.other': 'nova sets io only for known image backends and volume types.',
  'nova.cacheRewrite': '{why} With cache={cache} nova rewrites native to threads.',

  'ovirt.network':
    "ovirt-engine writes io='threads' for Cinder/RBD disks (it has no effect on librbd).",
  'ovirt.block':
    'Block storage domains and direct LUNs get io=native (with cache=none) since 2011.',
  'ovirt.blockCached': 'Disks with a host cache (cache={cache}) never get native.',
  'ovirt.gluster': 'Gluster went native in 2018 and back to threads in 2019.',
  'ovirt.file': 'File storage domains (NFS, POSIX, local) get io=threads.',

  'kubevirt.network':
    'KubeVirt attaches volumes as files or block devices, never through an in-QEMU network driver.',
  'kubevirt.cache': 'SetOptimalIOMode sets native only with cache=none (here {cache}).',
  'kubevirt.block': 'A block-mode volume gets io=native.',
  'kubevirt.preallocated':
    'A disk image whose actual size reaches its virtual size counts as preallocated: io=native.',
  'kubevirt.sparse':
    'A sparse image keeps io unset (native "can block the VM if the file is not fully allocated").',

  'proxmox.librbd': 'librbd disks have no aio setting in Proxmox.',
  'proxmox.lvm': 'io_uring is off for LVM storage; cache {route}.',
  'proxmox.krbd': 'krbd with writeback/writethrough avoids io_uring: threads.',
  'proxmox.cifs': 'io_uring is off on CIFS (kernel 5.15 issue); cache {route}.',
  /** {route} of proxmox.lvm and proxmox.cifs, with O_DIRECT … */
  'proxmox.route.direct': 'direct → native',
  /** … and with a host cache. */
  'proxmox.route.cached': '{cache} → threads',
  'proxmox.default': 'io_uring is the default for every other storage and cache mode.',
  'proxmox.default.unavailable':
    'io_uring is the default for this storage, but this host cannot run io_uring.',

  'cloudstack.network':
    'Whatever io driver is written, it has no effect on an in-QEMU network disk.',
  'cloudstack.iothreads': 'With iothreads on and no io.policy, CloudStack forces io=threads.',
  'cloudstack.unset':
    'No io.policy set: io is left unset (io_uring only by explicit policy on capable hosts).',
};

export type PlatformMessageKey = keyof typeof en;

export const PLATFORM_TEXT = keyTables<PlatformMessageKey>(en, {
  'nova.network': 'librbd 等网络磁盘不设置 driver_io（提交 bcf246f）。',
  'nova.krbd': '通过 krbd 挂载的 RBD 无条件使用 io=native。',
  'nova.thickLv': '厚置备 LV 镜像或 iSCSI/FC Cinder 卷使用 io=native。',
  'nova.blockThin': '启用 sparse_logical_volumes 时 LVM 后端不设置 io。',
  'nova.nfs':
    'Cinder NFS 卷使用 io=native（自 2026.1 起可关闭）；位于 NFS 实例目录的镜像则按镜像规则处理。',
  'nova.preallocated': 'preallocate_images=space（fallocate）时镜像使用 io=native。',
  'nova.sparse': '稀疏镜像（preallocate_images=none，默认）不设置 io。',
  'nova.other': 'nova 只对已知镜像后端和卷类型设置 io。',
  'nova.cacheRewrite': '{why} cache={cache} 时 nova 会把 native 改写为 threads。',

  'ovirt.network': 'ovirt-engine 对 Cinder/RBD 磁盘写入 io=threads（对 librbd 无实际作用）。',
  'ovirt.block': '块存储域与直通 LUN 自 2011 年起使用 io=native（cache=none）。',
  'ovirt.blockCached': '使用宿主机缓存（cache={cache}）的磁盘不会使用 native。',
  'ovirt.gluster': 'Gluster 在 2018 年改为 native，2019 年改回 threads。',
  'ovirt.file': '文件存储域（NFS、POSIX、本地）使用 io=threads。',

  'kubevirt.network': 'KubeVirt 以文件或块设备方式挂载卷，不使用 QEMU 内置网络驱动。',
  'kubevirt.cache': 'SetOptimalIOMode 仅在 cache=none 时设置 native（此处为 {cache}）。',
  'kubevirt.block': '块模式卷使用 io=native。',
  'kubevirt.preallocated': '实际大小达到虚拟大小的磁盘镜像视为已预分配：io=native。',
  'kubevirt.sparse': '稀疏镜像不设置 io（native "在文件未完全分配时可能阻塞虚拟机"）。',

  'proxmox.librbd': 'Proxmox 中 librbd 磁盘没有 aio 设置。',
  'proxmox.lvm': 'LVM 存储禁用 io_uring；缓存{route}。',
  'proxmox.krbd': 'krbd 配合 writeback/writethrough 时避开 io_uring：threads。',
  'proxmox.cifs': 'CIFS 上禁用 io_uring（5.15 内核问题）；缓存{route}。',
  'proxmox.route.direct': '直通 → native',
  // A space between 缓存 and a cache mode's name, none before 直通.
  'proxmox.route.cached': ' {cache} → threads',
  'proxmox.default': '其他存储与缓存模式默认使用 io_uring。',
  'proxmox.default.unavailable': '该存储默认使用 io_uring，但此主机无法运行 io_uring。',

  'cloudstack.network': '无论写入何种 io 驱动，对 QEMU 内置网络磁盘都无效。',
  'cloudstack.iothreads': '开启 iothreads 且未设置 io.policy 时，CloudStack 强制 io=threads。',
  'cloudstack.unset': '未设置 io.policy：不设置 io（仅在主机支持并显式配置策略时使用 io_uring）。',
});
