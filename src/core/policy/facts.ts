/**
 * Facts: what the rules read. A CellEnvironment and a HostProfile are reduced once to a small
 * record (layout class, O_DIRECT, io_uring capability …) so that rules stay declarative data.
 */
import type { AioMode, CacheMode, Prealloc, SourceType } from '../model/record.types';
import type { CellEnvironment, HostProfile, Platform } from './policy.types';
import { versionAtLeast } from './host-profile';

/**
 * Layout classes, one per row of the research's recommendation table (§8.2):
 * network (row 1), block-raw (2, 3), block-thin (4), block-qcow2-lvm (5), file-full and
 * file-falloc (6), file-sparse (7, 8), nfs (9), cifs (10), gluster (11); unknown when the
 * environment does not say enough.
 */
export const LAYOUTS = [
  'network',
  'block-raw',
  'block-thin',
  'block-qcow2-lvm',
  'file-full',
  'file-falloc',
  'file-sparse',
  'nfs',
  'cifs',
  'gluster',
  'unknown',
] as const;
export type Layout = (typeof LAYOUTS)[number];

export type MediumClass = 'hdd' | 'ssd' | 'nvme' | 'san' | 'other' | 'unknown';

export type IoUringGap = 'kernel' | 'qemu' | 'libvirt' | 'disabled';

export interface Facts {
  layout: Layout;
  source: SourceType | null;
  /** The source type was derived from the storage label (LocalStorage → file …). */
  sourceDerived: boolean;
  prealloc: Prealloc | null;
  /** full or falloc (space reserved); false for off, metadata, unknown. */
  preallocated: boolean;
  /** Preallocation not given for a file image: treated as sparse. */
  preallocUnknown: boolean;
  cache: CacheMode;
  /** Cache mode not given: assumed none (the default of nova, vdsm, Proxmox and KubeVirt when O_DIRECT works). */
  cacheAssumed: boolean;
  /** cache none or directsync: the file is opened with O_DIRECT. */
  cacheDirect: boolean;
  /** Thick LVM underneath (ZStack SharedBlock, oVirt block domains, Proxmox "lvm"). */
  lvm: boolean;
  /** Kernel RBD block device (/dev/rbd*), not librbd. */
  krbd: boolean;
  protocol: string | null;
  medium: MediumClass;
  iothread: boolean | null;
  ioUringAvailable: boolean;
  ioUringGaps: IoUringGap[];
  /** QEMU recent enough that a failed native/io_uring setup only warns (file-posix change of 2023-09-14, assumed from 8.2). */
  qemuWarnOnlyFallback: boolean;
  platform: Platform | 'generic';
}

const storageSource = (storage: string): SourceType | null => {
  const s = storage.toLowerCase();
  if (
    s === 'localstorage' ||
    s === 'local' ||
    s === 'sharedmountpoint' ||
    s === 'dir' ||
    s === 'nfs' ||
    s.startsWith('nfs') ||
    s === 'cifs' ||
    s === 'smb' ||
    s.includes('gluster')
  )
    return 'file';
  if (
    s === 'sharedblock' ||
    s.includes('lvm') ||
    s.includes('lun') ||
    s.includes('iscsi') ||
    s.includes('krbd') ||
    s.includes('san')
  )
    return 'block';
  if (s === 'ceph' || s === 'rbd' || s.includes('librbd')) return 'network';
  return null;
};

function mediumClass(medium: string | null): MediumClass {
  if (!medium) return 'unknown';
  const m = medium.toLowerCase();
  if (m.startsWith('hdd') || m === 'sata' || m === 'sas') return 'hdd';
  if (m.startsWith('nvme')) return 'nvme';
  if (m.startsWith('ssd')) return 'ssd';
  if (m.includes('san')) return 'san';
  return 'other';
}

/** Which host facts keep io_uring from being used (empty = available). */
export function ioUringGaps(host: HostProfile): IoUringGap[] {
  const gaps: IoUringGap[] = [];
  if (!versionAtLeast(host.kernel, '5.1')) gaps.push('kernel');
  if (!versionAtLeast(host.qemu, '5.0')) gaps.push('qemu');
  if (!versionAtLeast(host.libvirt, '6.3')) gaps.push('libvirt');
  if (host.ioUringDisabled) gaps.push('disabled');
  return gaps;
}

/** Reduces an environment and a host to the facts the rules read. Pure and total. */
export function deriveFacts(env: CellEnvironment, host: HostProfile): Facts {
  const storage = env.storage ?? '';
  const storageLc = storage.toLowerCase();
  const fsLc = (env.fs ?? '').toLowerCase();
  const protocol = env.protocol ? env.protocol.toLowerCase() : null;
  let source = env.source;
  let sourceDerived = false;
  if (source === null && storage !== '') {
    source = storageSource(storage);
    sourceDerived = source !== null;
  }
  if (source === null && protocol) source = 'network';
  const thin = storageLc.includes('thin') || fsLc.includes('thin');
  const krbd = source === 'block' && (protocol === 'rbd' || storageLc.includes('krbd'));
  const lvm =
    source === 'block' &&
    !thin &&
    (storageLc === 'sharedblock' || storageLc.includes('lvm') || fsLc === 'lvm');
  const prealloc = env.prealloc;
  const preallocated = prealloc === 'full' || prealloc === 'falloc';
  const cache: CacheMode = env.cache ?? 'none';
  const cacheDirect = cache === 'none' || cache === 'directsync';

  let layout: Layout = 'unknown';
  let preallocUnknown = false;
  if (source === 'network') layout = 'network';
  else if (source === 'block') {
    if (thin) layout = 'block-thin';
    else if (env.format === 'qcow2' || (env.format === null && storageLc === 'sharedblock'))
      layout = 'block-qcow2-lvm';
    else layout = 'block-raw';
  } else if (source === 'file') {
    const fsName = fsLc || storageLc;
    if (fsName.startsWith('nfs')) layout = 'nfs';
    else if (fsName === 'cifs' || fsName === 'smb' || fsName === 'smb3') layout = 'cifs';
    else if (fsName.includes('gluster')) layout = 'gluster';
    else if (prealloc === 'full') layout = 'file-full';
    else if (prealloc === 'falloc') layout = 'file-falloc';
    else {
      layout = 'file-sparse';
      preallocUnknown = prealloc === null || prealloc === 'n/a';
    }
  }
  const gaps = ioUringGaps(host);
  return {
    layout,
    source,
    sourceDerived,
    prealloc,
    preallocated,
    preallocUnknown,
    cache,
    cacheAssumed: env.cache === null,
    cacheDirect,
    lvm,
    krbd,
    protocol,
    medium: mediumClass(env.medium),
    iothread: env.iothread,
    ioUringAvailable: gaps.length === 0,
    ioUringGaps: gaps,
    qemuWarnOnlyFallback: versionAtLeast(host.qemu, '8.2'),
    platform: host.platform,
  };
}

/** Stable key of an environment (all decision-relevant fields), for memoization and grouping. */
export function envKey(env: CellEnvironment): string {
  return `${env.source ?? ''}|${env.storage ?? ''}|${env.fs ?? ''}|${env.format ?? ''}|${env.prealloc ?? ''}|${env.cache ?? ''}|${env.medium ?? ''}|${env.bus ?? ''}|${env.iothread === null ? '' : env.iothread ? 1 : 0}|${env.protocol ?? ''}`;
}

/** Modes a decision can name, in a fixed order (used to size per-mode tables). */
export const MODES: readonly AioMode[] = ['native', 'io_uring', 'threads'];
