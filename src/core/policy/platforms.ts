/**
 * What real platforms would pick for the same disk, each from its own rule as the research read
 * it in the platform's code or docs:
 *   nova        §1.2  imagebackend.py (images), volume/*.py (Cinder volumes), _set_cache_mode()
 *   oVirt/RHV   §5    vdsm _getDriverXML(), ovirt-engine shouldUseNativeIO()
 *   KubeVirt    §7.1  converter.go SetOptimalIOMode()
 *   Proxmox VE  §4.1  Drive.pm aio_cmdline_option() / storage_allows_io_uring_default()
 *   CloudStack  §7.2  LibvirtComputingResource io driver policy
 * 'default(threads)' means the platform leaves `io` unset, so QEMU's default (threads) applies.
 */
import type { Facts } from './facts';
import type { Lang, Platform, PlatformChoice } from './policy.types';
import type { CitationId } from './citations';
import type { MessageVars } from '../i18n/interpolate';
import { bilingual, composed, type Translator } from '../i18n/key-table';
import { PLATFORM_TEXT, type PlatformMessageKey } from './platforms.messages';

type Text = Record<Lang, string>;
type Mode = PlatformChoice['mode'];

/** Both languages of one text of PLATFORM_TEXT (platforms.messages.ts). */
const text = (key: PlatformMessageKey, vars?: MessageVars): Text =>
  bilingual(PLATFORM_TEXT, key, vars);

const choice = (
  platform: Platform,
  mode: Mode,
  why: Text,
  citations: readonly CitationId[],
  validOnHost = true,
): PlatformChoice => ({
  platform,
  mode,
  why,
  citations: [...citations],
  validOnHost,
});

/** OpenStack nova (master, 2026): images via imagebackend.py, volumes via volume drivers. */
export function novaChoice(f: Facts): PlatformChoice {
  const p = 'nova';
  if (f.layout === 'network') return choice(p, 'n/a', text('nova.network'), ['nova-bcf246f']);
  let mode: Mode;
  let why: PlatformMessageKey;
  let cites: CitationId[];
  switch (f.layout) {
    case 'block-raw':
    case 'block-qcow2-lvm':
      mode = 'native';
      why = f.krbd ? 'nova.krbd' : 'nova.thickLv';
      cites = ['nova-imagebackend-lvm', 'nova-volume-drivers'];
      break;
    case 'block-thin':
      mode = 'default(threads)';
      why = 'nova.blockThin';
      cites = ['nova-imagebackend-lvm'];
      break;
    case 'nfs':
      mode = 'native';
      why = 'nova.nfs';
      cites = ['nova-volume-drivers', 'nova-c5c1b93d21'];
      break;
    case 'file-full':
    case 'file-falloc':
    case 'cifs':
    case 'gluster':
    case 'file-sparse':
      if (f.preallocated) {
        mode = 'native';
        why = 'nova.preallocated';
      } else {
        mode = 'default(threads)';
        why = 'nova.sparse';
      }
      cites = ['nova-imagebackend', 'nova-spec'];
      break;
    default:
      mode = 'default(threads)';
      why = 'nova.other';
      cites = ['nova-imagebackend'];
  }
  if (mode === 'native' && !f.cacheDirect) {
    return choice(
      p,
      'threads',
      composed(PLATFORM_TEXT, (t) => t('nova.cacheRewrite', { why: t(why), cache: f.cache })),
      [...cites, 'nova-cache-interlock'],
    );
  }
  return choice(p, mode, text(why), cites);
}

/** oVirt/RHV: native for block storage domains and LUNs; threads for file domains and Cinder/RBD. */
export function ovirtChoice(f: Facts): PlatformChoice {
  const p = 'ovirt';
  if (f.layout === 'network')
    return choice(p, 'threads', text('ovirt.network'), ['ovirt-engine-native-io']);
  const block =
    f.layout === 'block-raw' || f.layout === 'block-thin' || f.layout === 'block-qcow2-lvm';
  if (block && f.cacheDirect)
    return choice(p, 'native', text('ovirt.block'), ['vdsm-driver-xml', 'ovirt-engine-native-io']);
  if (block)
    return choice(p, 'threads', text('ovirt.blockCached', { cache: f.cache }), [
      'ovirt-engine-native-io',
    ]);
  if (f.layout === 'gluster')
    return choice(p, 'threads', text('ovirt.gluster'), ['ovirt-gluster-revert', 'vdsm-driver-xml']);
  return choice(p, 'threads', text('ovirt.file'), ['vdsm-driver-xml']);
}

/** KubeVirt: native for block volumes or fully allocated files with cache=none, else unset. */
export function kubevirtChoice(f: Facts): PlatformChoice {
  const p = 'kubevirt';
  if (f.layout === 'network')
    return choice(p, 'n/a', text('kubevirt.network'), ['kubevirt-set-optimal-io']);
  if (f.cache !== 'none')
    return choice(p, 'default(threads)', text('kubevirt.cache', { cache: f.cache }), [
      'kubevirt-set-optimal-io',
    ]);
  const block =
    f.layout === 'block-raw' || f.layout === 'block-thin' || f.layout === 'block-qcow2-lvm';
  if (block) return choice(p, 'native', text('kubevirt.block'), ['kubevirt-set-optimal-io']);
  if (f.preallocated)
    return choice(p, 'native', text('kubevirt.preallocated'), ['kubevirt-set-optimal-io']);
  return choice(p, 'default(threads)', text('kubevirt.sparse'), [
    'kubevirt-set-optimal-io',
    'kubevirt-ionative-doc',
  ]);
}

/** Proxmox VE: io_uring by default, except thick LVM, krbd with a host cache and CIFS. */
export function proxmoxChoice(f: Facts): PlatformChoice {
  const p = 'proxmox';
  if (f.layout === 'network' && !f.krbd)
    return choice(p, 'n/a', text('proxmox.librbd'), ['pve-drive-pm']);
  const fallback: Mode = f.cacheDirect ? 'native' : 'threads';
  /** Where the cache mode sends a disk once io_uring is off. */
  const route = (t: Translator<PlatformMessageKey>): string =>
    f.cacheDirect ? t('proxmox.route.direct') : t('proxmox.route.cached', { cache: f.cache });
  if (f.lvm)
    return choice(
      p,
      fallback,
      composed(PLATFORM_TEXT, (t) => t('proxmox.lvm', { route: route(t) })),
      ['pve-drive-pm', 'pve-78a3ada7'],
    );
  if (f.krbd && !f.cacheDirect)
    return choice(p, 'threads', text('proxmox.krbd'), ['pve-drive-pm', 'pve-628937f5']);
  if (f.layout === 'cifs')
    return choice(
      p,
      fallback,
      composed(PLATFORM_TEXT, (t) => t('proxmox.cifs', { route: route(t) })),
      ['pve-drive-pm', 'pve-e31762f2'],
    );
  const valid = f.ioUringAvailable;
  return choice(
    p,
    'io_uring',
    valid ? text('proxmox.default') : text('proxmox.default.unavailable'),
    ['pve-drive-pm'],
    valid,
  );
}

/** CloudStack: io.policy when set; else threads if iothreads are on; else unset. */
export function cloudstackChoice(f: Facts): PlatformChoice {
  const p = 'cloudstack';
  if (f.layout === 'network')
    return choice(p, 'n/a', text('cloudstack.network'), ['nova-spec-network']);
  if (f.iothread === true)
    return choice(p, 'threads', text('cloudstack.iothreads'), ['cloudstack-io-policy']);
  return choice(p, 'default(threads)', text('cloudstack.unset'), [
    'cloudstack-io-policy',
    'cloudstack-io-uring',
  ]);
}

/** All five platforms' choices for one disk. */
export function platformChoices(f: Facts): Record<Platform, PlatformChoice> {
  return {
    nova: novaChoice(f),
    ovirt: ovirtChoice(f),
    kubevirt: kubevirtChoice(f),
    proxmox: proxmoxChoice(f),
    cloudstack: cloudstackChoice(f),
  };
}

/** The effective mode a platform's choice amounts to ('default(threads)' → threads). */
export function effectiveMode(c: PlatformChoice): PlatformChoice['mode'] {
  return c.mode === 'default(threads)' ? 'threads' : c.mode;
}
