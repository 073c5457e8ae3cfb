/**
 * The one registry of sources the policy engine cites. Every entry comes from an item of the
 * research (docs/research/aio-policy-research.md, the team's research with its sources)
 * marked [V] (read in the primary source) or [V2] (seen quoted in a named secondary source).
 * Items marked [U] or [inference] are never cited. `citations.test.ts` proves it: it finds each
 * entry's `quote` in the research, checks the tag that governs it there, and checks the URL.
 *
 * URLs: either given verbatim in the research, or derived mechanically from what it names — a file
 * of a repository "read at a commit" (github blob/tree URL at that commit), a commit id or PR
 * number it quotes (github commit/pull URL), or a mailing-list Message-ID (lore.kernel.org).
 */
import type { Citation } from './policy.types';

/** A registry entry: the public Citation plus the research text it rests on. */
export interface CitationEntry extends Citation {
  /** Verbatim text of the research item the citation rests on (markdown emphasis ignored). */
  quote: string;
}

const entries = [
  // §1 OpenStack nova
  {
    id: 'nova-spec',
    title: 'OpenStack nova-specs (Mitaka): libvirt-aio-mode',
    url: 'https://specs.openstack.org/openstack/nova-specs/specs/mitaka/implemented/libvirt-aio-mode.html',
    tag: 'V',
    section: '§1.1',
  },
  {
    id: 'nova-spec-network',
    title: 'OpenStack nova-specs (Mitaka): libvirt-aio-mode — network clients',
    url: 'https://specs.openstack.org/openstack/nova-specs/specs/mitaka/implemented/libvirt-aio-mode.html',
    tag: 'V',
    section: '§1.1',
  },
  {
    id: 'nova-rfc-mail',
    title: 'openstack-dev RFC mail on native AIO (A. Schmidt, 2015-11-17)',
    url: 'http://lists.openstack.org/pipermail/openstack-dev/2015-November/079623.html',
    tag: 'V',
    section: '§1.1',
  },
  {
    id: 'nova-imagebackend',
    title: 'nova imagebackend.py: io=native only for preallocated images and thick LVs',
    url: 'https://github.com/openstack/nova/blob/00a03040/nova/virt/libvirt/imagebackend.py',
    tag: 'V',
    section: '§1.2',
  },
  {
    id: 'nova-imagebackend-lvm',
    title: 'nova imagebackend.py: Lvm backend is native unless sparse_logical_volumes',
    url: 'https://github.com/openstack/nova/blob/00a03040/nova/virt/libvirt/imagebackend.py',
    tag: 'V',
    section: '§1.2',
  },
  {
    id: 'nova-bcf246f',
    title: 'nova commit bcf246f42f: the Rbd backend gets no io mode',
    url: 'https://github.com/openstack/nova/commit/bcf246f42f',
    tag: 'V',
    section: '§1.2',
  },
  {
    id: 'nova-volume-drivers',
    title: 'nova volume drivers (iSCSI, FC, NFS): io=native',
    url: 'https://github.com/openstack/nova/blob/00a03040/nova/virt/libvirt/volume/nfs.py',
    tag: 'V',
    section: '§1.2',
  },
  {
    id: 'nova-c5c1b93d21',
    title: 'nova commit c5c1b93d21: use_default_aio_mode_for_volumes opt-out (2026.1)',
    url: 'https://github.com/openstack/nova/commit/c5c1b93d21',
    tag: 'V',
    section: '§1.2',
  },
  {
    id: 'nova-cache-interlock',
    title: 'nova driver.py _set_cache_mode(): native falls back to threads without O_DIRECT',
    url: 'https://github.com/openstack/nova/blob/00a03040/nova/virt/libvirt/driver.py',
    tag: 'V',
    section: '§1.2',
  },
  {
    id: 'nova-no-io-uring',
    title: 'nova source tree: no use of io_uring',
    url: 'https://github.com/openstack/nova/tree/00a03040',
    tag: 'V',
    section: '§1.2',
  },
  // §2 libvirt
  {
    id: 'libvirt-formatdomain',
    title: 'libvirt formatdomain: disk <driver io=…> (io_uring since 6.3.0, QEMU 5.0)',
    url: 'https://github.com/libvirt/libvirt/blob/00901cb4/docs/formatdomain.rst',
    tag: 'V',
    section: '§2',
  },
  {
    id: 'libvirt-io-uring-patch',
    title: 'libvir-list: io_uring support patch (Han Han, 2020-04)',
    url: 'https://www.redhat.com/archives/libvir-list/2020-April/msg00885.html',
    tag: 'V',
    section: '§2',
  },
  {
    id: 'libvirt-native-cache-check',
    title: 'libvirt commit 058384003d: native I/O needs cache none or directsync',
    url: 'https://github.com/libvirt/libvirt/commit/058384003d',
    tag: 'V',
    section: '§2',
  },
  // §3 QEMU
  {
    id: 'qemu-qapi-default',
    title: 'QEMU QAPI BlockdevOptionsFile: aio default is threads',
    url: 'https://github.com/qemu/qemu/blob/006e1962/qapi/block-core.json',
    tag: 'V',
    section: '§3',
  },
  {
    id: 'qemu-io-uring-5.0',
    title: 'qemu-block: io_uring backend (Aarushi Mehta), since QEMU 5.0',
    url: 'https://mail-archive.com/qemu-block@nongnu.org/msg59849.html',
    tag: 'V',
    section: '§3',
  },
  {
    id: 'qemu-file-posix',
    title: 'QEMU block/file-posix.c raw_open_common(): aio=native requires cache.direct=on',
    url: 'https://gitlab.com/qemu-project/qemu/-/blob/master/block/file-posix.c',
    tag: 'V',
    section: '§3',
  },
  {
    id: 'qemu-2.6-error',
    title:
      'QEMU 2.6 ChangeLog: aio=native without cache=none fails to start (via avocado-vt #539, Ganeti #43)',
    url: 'http://wiki.qemu.org/ChangeLog/2.6',
    tag: 'V2',
    section: '§3',
  },
  {
    id: 'qemu-8.2-fallback',
    title:
      'QEMU file-posix (S. Hajnoczi, 2023-09-14): setup failure only warns and falls back to threads',
    url: 'https://gitlab.com/qemu-project/qemu/-/blob/master/block/file-posix.c',
    tag: 'V',
    section: '§3',
  },
  {
    id: 'hajnoczi-2025',
    title:
      'qemu-devel RFC aio_add_sqe() (S. Hajnoczi, 2025-05-28): native vs io_uring, with/without IOThread',
    url: 'https://lore.kernel.org/qemu-devel/20250528190916.35864-1-stefanha@redhat.com/',
    tag: 'V',
    section: '§3',
  },
  {
    id: 'hajnoczi-2025-iothread',
    title:
      'qemu-devel RFC aio_add_sqe() (S. Hajnoczi, 2025-05-28): an IOThread matters more than the aio engine',
    url: 'https://lore.kernel.org/qemu-devel/20250528190916.35864-1-stefanha@redhat.com/',
    tag: 'V',
    section: '§3',
  },
  // §4 Proxmox VE
  {
    id: 'pve-drive-pm',
    title: 'Proxmox qemu-server Drive.pm: storage_allows_io_uring_default() / aio_cmdline_option()',
    url: 'https://github.com/proxmox/qemu-server/blob/e6352be6/src/PVE/QemuServer/Drive.pm',
    tag: 'V',
    section: '§4.1',
  },
  {
    id: 'pve-628937f5',
    title: 'Proxmox qemu-server 628937f5: no io_uring for krbd with writeback/writethrough',
    url: 'https://github.com/proxmox/qemu-server/commit/628937f5',
    tag: 'V',
    section: '§4.2',
  },
  {
    id: 'pve-78a3ada7',
    title: 'Proxmox qemu-server 78a3ada7: "lvm: avoid the use of IO uring"',
    url: 'https://github.com/proxmox/qemu-server/commit/78a3ada7',
    tag: 'V',
    section: '§4.2',
  },
  {
    id: 'pve-e31762f2',
    title: 'Proxmox qemu-server e31762f2: io_uring disabled on CIFS (kernel ≥ 5.15 issue, #4099)',
    url: 'https://github.com/proxmox/qemu-server/commit/e31762f2',
    tag: 'V',
    section: '§4.2',
  },
  {
    id: 'pve-ec5d198e',
    title: 'Proxmox qemu-server ec5d198e: LVM-thin not affected by the io_uring hang',
    url: 'https://github.com/proxmox/qemu-server/commit/ec5d198e',
    tag: 'V',
    section: '§4.2',
  },
  {
    id: 'blockbridge-aio-blocks',
    title:
      'Blockbridge technote "Optimizing Proxmox: iothreads, aio, & io_uring" (quoted in the ZStack review)',
    url: 'https://kb.blockbridge.com/technote/proxmox-aio-vs-iouring/',
    tag: 'V2',
    section: '§4.3',
  },
  {
    id: 'blockbridge-iothreads',
    title: 'Blockbridge technote: IOThreads gain >15% at low queue depth (quoted in Ludus docs)',
    url: 'https://kb.blockbridge.com/technote/proxmox-aio-vs-iouring/',
    tag: 'V2',
    section: '§4.3',
  },
  // §5 Red Hat
  {
    id: 'rhel7-io-mode',
    title: 'RHEL 7 Virtualization Tuning Guide §7.3 "I/O Mode": native is the RHV default',
    url: 'https://access.redhat.com/documentation/en-us/red_hat_enterprise_linux/7/html/virtualization_tuning_and_optimization_guide/sect-virtualization_tuning_optimization_guide-blockio-io_mode',
    tag: 'V',
    section: '§5',
  },
  {
    id: 'rhel9-io-uring-off',
    title: 'CentOS Stream 9 kernel MR 2870: io_uring disabled by default in RHEL 9',
    url: 'https://gitlab.com/redhat/centos-stream/src/kernel/centos-stream-9/-/merge_requests/2870',
    tag: 'V',
    section: '§5',
  },
  {
    id: 'vdsm-driver-xml',
    title: 'oVirt vdsm storage.py _getDriverXML(): native for block, threads otherwise',
    url: 'https://github.com/oVirt/vdsm/blob/fd4b0df2/lib/vdsm/virt/vmdevices/storage.py',
    tag: 'V',
    section: '§5',
  },
  {
    id: 'ovirt-engine-native-io',
    title: 'ovirt-engine VmInfoBuildUtils.shouldUseNativeIO(): LUN native, CINDER/RBD threads',
    url: 'https://github.com/oVirt/ovirt-engine/tree/0111fc63',
    tag: 'V',
    section: '§5',
  },
  {
    id: 'ovirt-gluster-revert',
    title:
      'ovirt-engine e9f5226e: "gluster: Default to aio=threads for gluster storage" (BZ 1701736)',
    url: 'https://github.com/oVirt/ovirt-engine/commit/e9f5226e',
    tag: 'V',
    section: '§5',
  },
  {
    id: 'surisetty-2016',
    title:
      'P. K. Surisetty (Red Hat), "QEMU Disk IO: Which performs better, native or threads?" (devconf.cz 2016)',
    url: 'https://www2.slideshare.net/pradeepkumarsuvce/qemu-disk-io-which-performs-better-native-or-threads',
    tag: 'V',
    section: '§5',
  },
  // §6 Linux kernel
  {
    id: 'goldwyn-2017',
    title: 'linux-fsdevel: nonblocking AIO series (G. Rodrigues, 2017): why io_submit blocks',
    url: 'http://mail.spinics.net/lists/linux-fsdevel/msg107472.html',
    tag: 'V',
    section: '§6',
  },
  {
    id: 'axboe-nr-requests',
    title:
      'J. Axboe on io_submit blocking when block-layer requests run out (twisted-linux-aio wiki)',
    url: 'https://code.google.com/archive/p/twisted-linux-aio/wikis/WorkInProgress.wiki',
    tag: 'V2',
    section: '§6',
  },
  {
    id: 'lwn-io-uring',
    title: 'LWN "The rapid growth of io_uring": io_uring added in Linux 5.1',
    url: 'https://lwn.net/Articles/810414/',
    tag: 'V',
    section: '§6',
  },
  {
    id: 'kernel-io-uring-disabled',
    title: 'Linux 6.6 commit 76d3ccecfa: sysctl kernel.io_uring_disabled',
    url: 'https://github.com/torvalds/linux/commit/76d3ccecfa',
    tag: 'V',
    section: '§6',
  },
  // §7 other platforms
  {
    id: 'kubevirt-set-optimal-io',
    title:
      'KubeVirt converter.go SetOptimalIOMode(): native for block or preallocated files with cache=none',
    url: 'https://github.com/kubevirt/kubevirt/blob/d923fdb8/pkg/virt-launcher/virtwrap/converter/converter.go',
    tag: 'V',
    section: '§7.1',
  },
  {
    id: 'kubevirt-ionative-doc',
    title: 'KubeVirt API types.go IONative: can block the VM if the file is not fully allocated',
    url: 'https://github.com/kubevirt/kubevirt/blob/d923fdb8/staging/src/kubevirt.io/api/core/v1/types.go',
    tag: 'V',
    section: '§7.1',
  },
  {
    id: 'kubevirt-no-io-uring',
    title: 'KubeVirt disks.go validateIOMode(): only native or threads',
    url: 'https://github.com/kubevirt/kubevirt/blob/d923fdb8/pkg/storage/admitters/disks.go',
    tag: 'V',
    section: '§7.1',
  },
  {
    id: 'cloudstack-io-policy',
    title: 'Apache CloudStack PR #6909: io driver policy; threads when iothreads are on',
    url: 'https://github.com/apache/cloudstack/pull/6909',
    tag: 'V',
    section: '§7.2',
  },
  {
    id: 'cloudstack-io-uring',
    title:
      'Apache CloudStack LibvirtComputingResource: io_uring only when enableIoUring (libvirt ≥ 6.3, QEMU ≥ 5.0)',
    url: 'https://github.com/apache/cloudstack/pull/6909',
    tag: 'V',
    section: '§7.2',
  },
  {
    id: 'zstack-2023q1',
    title: 'ZStack "2023年Q1云主机内核aio改进计划" (engineering review and fio results)',
    url: 'data/sources/aio-plan-2023q1.md',
    tag: 'V',
    section: '§7.5',
  },
  {
    id: 'zstack-hdd',
    title: 'ZStack 2023 Q1 fio results: local HDD shows no difference between modes',
    url: 'data/sources/aio-plan-2023q1.md',
    tag: 'V',
    section: '§7.5',
  },
  {
    id: 'zstack-sharedblock',
    title:
      'ZStack 2023 Q1: SharedBlock (qcow2 on LVM over iSCSI) native +7.6–14%, risk judged unproven',
    url: 'data/sources/aio-plan-2023q1.md',
    tag: 'V',
    section: '§7.5',
  },
  {
    id: 'ibm-kvmonz',
    title:
      'IBM KVM on Z "Disk Performance Hints & Tips": kernel AIO for block devices and preallocated images',
    url: 'http://kvmonz.blogspot.com/p/knowledge-disk-performance-hints-tips.html',
    tag: 'V',
    section: '§7.6',
  },
] as const satisfies readonly Citation[];

export type CitationId = (typeof entries)[number]['id'];

/**
 * The research text each citation rests on (`CitationEntry.quote`), by id. Kept apart from the
 * entries so that the browser build, which shows only `citationsFor`'s public fields, does not
 * carry it (≈ 1.4 kB gzip); only `CITATIONS` and `citation()` read it, for the tests and tools.
 */
const QUOTES: Record<CitationId, string> = {
  'nova-spec':
    'Native AIO mode will not be enabled for sparse images as it can cause Qemu threads to be blocked when filesystem metadata need to be updated.',
  'nova-spec-network': 'AIO mode has no effect if using the in-qemu network clients',
  'nova-rfc-mail':
    'native AIO mode is a bad idea if the storage is not fully pre-allocated, e.g. for qcow2 images that grow on demand or sparse LVM storage',
  'nova-imagebackend': "self.preallocate = (to_slug(CONF.preallocate_images) == 'space')",
  'nova-imagebackend-lvm':
    'self.preallocate = not self.sparse, and if not self.sparse: self.driver_io = "native"',
  'nova-bcf246f':
    'The Rbd backend was left out as the IO mode setting does not apply to the network clients in qemu.',
  'nova-volume-drivers':
    'if not CONF.libvirt.use_default_aio_mode_for_volumes: conf.driver_io = "native"',
  'nova-c5c1b93d21':
    'Operators may set this option to True in order to defer AIO mode selection to QEMU if forcing io=native is not desired.',
  'nova-cache-interlock':
    "The guest disk driver io mode has fallen back from 'native' to 'threads' because the disk cache mode is set as %(cachemode)s, which does not use O_DIRECT",
  'nova-no-io-uring': 'Nova never uses io_uring',
  'libvirt-formatdomain': 'io_uring Since 6.3.0 (QEMU 5.0)',
  'libvirt-io-uring-patch': 'This aio mode was added since Linux 5.1, QEMU 5.0.0',
  'libvirt-native-cache-check':
    'native I/O needs either no disk cache or directsync cache mode, QEMU will fallback to aio=threads',
  'qemu-qapi-default': '@aio: AIO backend (default: threads) (since: 2.8)',
  'qemu-io-uring-5.0': '@io_uring: Use linux io_uring (since 5.0)',
  'qemu-file-posix':
    'aio=native was specified, but it requires cache.direct=on, which was not specified.',
  'qemu-2.6-error':
    'Starting with version 2.6, QEMU will fail to start with an error when aio=native and no cache=none is present.',
  'qemu-8.2-fallback': 'Instead the user only gets warnings and we fall back to aio=threads.',
  'hajnoczi-2025': 'native and io_uring are within about ±7% of each other.',
  'hajnoczi-2025-iothread':
    'Using an IOThread matters more than the aio engine: +19% randread QD1 and +38% randwrite QD1 (native).',
  'pve-drive-pm':
    "if (storage_allows_io_uring_default($scfg, $cache_direct)) { return 'io_uring'; }",
  'pve-628937f5':
    'do not use io_uring for krbd with writeback/writethrough, "some polling/IO may hang in QEMU 6.0"',
  'pve-78a3ada7':
    'io_uring has been off for (thick) LVM storage since then, regardless of cache mode.',
  'pve-e31762f2':
    'Since kernel 5.15, there is an issue with io_uring when used in combination with CIFS',
  'pve-ec5d198e': "Also tried with LVM-thin, but it doesn't seem to be affected.",
  'blockbridge-aio-blocks':
    'AIO blocks if anything in the I/O submission path is unable to complete inline.',
  'blockbridge-iothreads': 'IOThreads deliver performance gains exceeding 15% at low queue depth.',
  'rhel7-io-mode': 'IO=native: The default for Red Hat Virtualization (RHV) environments.',
  'rhel9-io-uring-off':
    'reverting rhel-specific changes to mark io_uring tech preview and disable io_uring by default',
  'vdsm-driver-xml': "if drive['diskType'] == DISK_TYPE.BLOCK: io='native' else: io='threads'",
  'ovirt-engine-native-io': 'LUN (direct-attached): always "native"',
  'ovirt-gluster-revert': 'gluster: Default to aio=threads for gluster storage',
  'surisetty-2016': 'In AIO case, io_submit() is under the global mutex',
  'goldwyn-2017':
    'io_submit() can be delayed because of a number of reason: - Block allocation for files',
  'axboe-nr-requests':
    'io_submit() will block, if you run out of block layer requests. We have 128 of those by default',
  'lwn-io-uring': 'When io_uring was added to the 5.1 kernel',
  'kernel-io-uring-disabled': 'Since Linux 6.6 the sysctl kernel.io_uring_disabled exists',
  'kubevirt-set-optimal-io':
    'if ds.BackendIsBlock() || isPreAllocated(ds.BackendPath()) { disk.Driver.IO = v1.IONative }',
  'kubevirt-ionative-doc':
    'can block the VM if the file is not fully allocated so this method recommended only when the backing file/disk/etc is fully preallocated',
  'kubevirt-no-io-uring': 'No io_uring in KubeVirt.',
  'cloudstack-io-policy': 'else THREADS if iothreads are enabled;',
  'cloudstack-io-uring': 'IO_URING is applied only when enableIoUring.',
  'zstack-2023q1':
    'preallocation none and metadata count as sparse; full is not sparse; falloc is "in between".',
  'zstack-hdd': '| Local HDD, all cases | no difference | no difference | ~0 |',
  'zstack-sharedblock':
    'For SharedBlock (qcow2 directly on LV, no host filesystem) they suspect the sparse-image blocking risk does not apply, but they "remain skeptical".',
  'ibm-kvmonz':
    'If the virtual disks are backed by block devices, raw file images or pre-allocated QCOW2 images, it is recommended to use kernel AIO',
};

/** All citations with the research quote each rests on, in registry order. */
export const CITATIONS: readonly CitationEntry[] = /* @__PURE__ */ entries.map((c) => ({
  ...c,
  quote: QUOTES[c.id],
}));

const byId: ReadonlyMap<string, Citation> = new Map(entries.map((c) => [c.id, c]));

/** The citation with this id (with its research quote), or undefined for an unknown id. */
export function citation(id: string): CitationEntry | undefined {
  const c = byId.get(id);
  return c && { ...c, quote: QUOTES[c.id as CitationId] };
}

/** Public citations (without the research quote) for ids, de-duplicated, in first-seen order. */
export function citationsFor(ids: Iterable<string>): Citation[] {
  const seen = new Set<string>();
  const out: Citation[] = [];
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    const c = byId.get(id);
    if (c) out.push({ id: c.id, title: c.title, url: c.url, tag: c.tag, section: c.section });
  }
  return out;
}
