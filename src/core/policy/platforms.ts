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

type Text = Record<Lang, string>;
type Mode = PlatformChoice['mode'];

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
  if (f.layout === 'network')
    return choice(
      p,
      'n/a',
      {
        en: 'librbd and other network disks get no driver_io (commit bcf246f).',
        zh: 'librbd 等网络磁盘不设置 driver_io（提交 bcf246f）。',
      },
      ['nova-bcf246f'],
    );
  let mode: Mode;
  let why: Text;
  let cites: CitationId[];
  switch (f.layout) {
    case 'block-raw':
    case 'block-qcow2-lvm':
      mode = 'native';
      why = f.krbd
        ? {
            en: 'krbd-attached RBD gets io=native unconditionally.',
            zh: '通过 krbd 挂载的 RBD 无条件使用 io=native。',
          }
        : {
            en: 'A thick LV image or an iSCSI/FC Cinder volume gets io=native.',
            zh: '厚置备 LV 镜像或 iSCSI/FC Cinder 卷使用 io=native。',
          };
      cites = ['nova-imagebackend-lvm', 'nova-volume-drivers'];
      break;
    case 'block-thin':
      mode = 'default(threads)';
      why = {
        en: 'With sparse_logical_volumes the LVM backend leaves io unset.',
        zh: '启用 sparse_logical_volumes 时 LVM 后端不设置 io。',
      };
      cites = ['nova-imagebackend-lvm'];
      break;
    case 'nfs':
      mode = 'native';
      why = {
        en: 'A Cinder NFS volume gets io=native (operators can opt out since 2026.1); an image on an NFS instances path follows the image rule instead.',
        zh: 'Cinder NFS 卷使用 io=native（自 2026.1 起可关闭）；位于 NFS 实例目录的镜像则按镜像规则处理。',
      };
      cites = ['nova-volume-drivers', 'nova-c5c1b93d21'];
      break;
    case 'file-full':
    case 'file-falloc':
    case 'cifs':
    case 'gluster':
    case 'file-sparse':
      if (f.preallocated) {
        mode = 'native';
        why = {
          en: 'preallocate_images=space (fallocate) makes the image io=native.',
          zh: 'preallocate_images=space（fallocate）时镜像使用 io=native。',
        };
      } else {
        mode = 'default(threads)';
        why = {
          en: 'Sparse images (preallocate_images=none, the default) keep io unset.',
          zh: '稀疏镜像（preallocate_images=none，默认）不设置 io。',
        };
      }
      cites = ['nova-imagebackend', 'nova-spec'];
      break;
    default:
      mode = 'default(threads)';
      why = {
        en: 'nova sets io only for known image backends and volume types.',
        zh: 'nova 只对已知镜像后端和卷类型设置 io。',
      };
      cites = ['nova-imagebackend'];
  }
  if (mode === 'native' && !f.cacheDirect) {
    return choice(
      p,
      'threads',
      {
        en: `${why.en} With cache=${f.cache} nova rewrites native to threads.`,
        zh: `${why.zh} cache=${f.cache} 时 nova 会把 native 改写为 threads。`,
      },
      [...cites, 'nova-cache-interlock'],
    );
  }
  return choice(p, mode, why, cites);
}

/** oVirt/RHV: native for block storage domains and LUNs; threads for file domains and Cinder/RBD. */
export function ovirtChoice(f: Facts): PlatformChoice {
  const p = 'ovirt';
  if (f.layout === 'network')
    return choice(
      p,
      'threads',
      {
        en: "ovirt-engine writes io='threads' for Cinder/RBD disks (it has no effect on librbd).",
        zh: 'ovirt-engine 对 Cinder/RBD 磁盘写入 io=threads（对 librbd 无实际作用）。',
      },
      ['ovirt-engine-native-io'],
    );
  const block =
    f.layout === 'block-raw' || f.layout === 'block-thin' || f.layout === 'block-qcow2-lvm';
  if (block && f.cacheDirect)
    return choice(
      p,
      'native',
      {
        en: 'Block storage domains and direct LUNs get io=native (with cache=none) since 2011.',
        zh: '块存储域与直通 LUN 自 2011 年起使用 io=native（cache=none）。',
      },
      ['vdsm-driver-xml', 'ovirt-engine-native-io'],
    );
  if (block)
    return choice(
      p,
      'threads',
      {
        en: `Disks with a host cache (cache=${f.cache}) never get native.`,
        zh: `使用宿主机缓存（cache=${f.cache}）的磁盘不会使用 native。`,
      },
      ['ovirt-engine-native-io'],
    );
  if (f.layout === 'gluster')
    return choice(
      p,
      'threads',
      {
        en: 'Gluster went native in 2018 and back to threads in 2019.',
        zh: 'Gluster 在 2018 年改为 native，2019 年改回 threads。',
      },
      ['ovirt-gluster-revert', 'vdsm-driver-xml'],
    );
  return choice(
    p,
    'threads',
    {
      en: 'File storage domains (NFS, POSIX, local) get io=threads.',
      zh: '文件存储域（NFS、POSIX、本地）使用 io=threads。',
    },
    ['vdsm-driver-xml'],
  );
}

/** KubeVirt: native for block volumes or fully allocated files with cache=none, else unset. */
export function kubevirtChoice(f: Facts): PlatformChoice {
  const p = 'kubevirt';
  if (f.layout === 'network')
    return choice(
      p,
      'n/a',
      {
        en: 'KubeVirt attaches volumes as files or block devices, never through an in-QEMU network driver.',
        zh: 'KubeVirt 以文件或块设备方式挂载卷，不使用 QEMU 内置网络驱动。',
      },
      ['kubevirt-set-optimal-io'],
    );
  if (f.cache !== 'none')
    return choice(
      p,
      'default(threads)',
      {
        en: `SetOptimalIOMode sets native only with cache=none (here ${f.cache}).`,
        zh: `SetOptimalIOMode 仅在 cache=none 时设置 native（此处为 ${f.cache}）。`,
      },
      ['kubevirt-set-optimal-io'],
    );
  const block =
    f.layout === 'block-raw' || f.layout === 'block-thin' || f.layout === 'block-qcow2-lvm';
  if (block)
    return choice(
      p,
      'native',
      { en: 'A block-mode volume gets io=native.', zh: '块模式卷使用 io=native。' },
      ['kubevirt-set-optimal-io'],
    );
  if (f.preallocated)
    return choice(
      p,
      'native',
      {
        en: 'A disk image whose actual size reaches its virtual size counts as preallocated: io=native.',
        zh: '实际大小达到虚拟大小的磁盘镜像视为已预分配：io=native。',
      },
      ['kubevirt-set-optimal-io'],
    );
  return choice(
    p,
    'default(threads)',
    {
      en: 'A sparse image keeps io unset (native "can block the VM if the file is not fully allocated").',
      zh: '稀疏镜像不设置 io（native "在文件未完全分配时可能阻塞虚拟机"）。',
    },
    ['kubevirt-set-optimal-io', 'kubevirt-ionative-doc'],
  );
}

/** Proxmox VE: io_uring by default, except thick LVM, krbd with a host cache and CIFS. */
export function proxmoxChoice(f: Facts): PlatformChoice {
  const p = 'proxmox';
  if (f.layout === 'network' && !f.krbd)
    return choice(
      p,
      'n/a',
      {
        en: 'librbd disks have no aio setting in Proxmox.',
        zh: 'Proxmox 中 librbd 磁盘没有 aio 设置。',
      },
      ['pve-drive-pm'],
    );
  const fallback: Mode = f.cacheDirect ? 'native' : 'threads';
  if (f.lvm)
    return choice(
      p,
      fallback,
      {
        en: `io_uring is off for LVM storage; cache ${f.cacheDirect ? 'direct → native' : `${f.cache} → threads`}.`,
        zh: `LVM 存储禁用 io_uring；缓存${f.cacheDirect ? '直通 → native' : ` ${f.cache} → threads`}。`,
      },
      ['pve-drive-pm', 'pve-78a3ada7'],
    );
  if (f.krbd && !f.cacheDirect)
    return choice(
      p,
      'threads',
      {
        en: 'krbd with writeback/writethrough avoids io_uring: threads.',
        zh: 'krbd 配合 writeback/writethrough 时避开 io_uring：threads。',
      },
      ['pve-drive-pm', 'pve-628937f5'],
    );
  if (f.layout === 'cifs')
    return choice(
      p,
      fallback,
      {
        en: `io_uring is off on CIFS (kernel 5.15 issue); cache ${f.cacheDirect ? 'direct → native' : `${f.cache} → threads`}.`,
        zh: `CIFS 上禁用 io_uring（5.15 内核问题）；缓存${f.cacheDirect ? '直通 → native' : ` ${f.cache} → threads`}。`,
      },
      ['pve-drive-pm', 'pve-e31762f2'],
    );
  const valid = f.ioUringAvailable;
  return choice(
    p,
    'io_uring',
    valid
      ? {
          en: 'io_uring is the default for every other storage and cache mode.',
          zh: '其他存储与缓存模式默认使用 io_uring。',
        }
      : {
          en: 'io_uring is the default for this storage, but this host cannot run io_uring.',
          zh: '该存储默认使用 io_uring，但此主机无法运行 io_uring。',
        },
    ['pve-drive-pm'],
    valid,
  );
}

/** CloudStack: io.policy when set; else threads if iothreads are on; else unset. */
export function cloudstackChoice(f: Facts): PlatformChoice {
  const p = 'cloudstack';
  if (f.layout === 'network')
    return choice(
      p,
      'n/a',
      {
        en: 'Whatever io driver is written, it has no effect on an in-QEMU network disk.',
        zh: '无论写入何种 io 驱动，对 QEMU 内置网络磁盘都无效。',
      },
      ['nova-spec-network'],
    );
  if (f.iothread === true)
    return choice(
      p,
      'threads',
      {
        en: 'With iothreads on and no io.policy, CloudStack forces io=threads.',
        zh: '开启 iothreads 且未设置 io.policy 时，CloudStack 强制 io=threads。',
      },
      ['cloudstack-io-policy'],
    );
  return choice(
    p,
    'default(threads)',
    {
      en: 'No io.policy set: io is left unset (io_uring only by explicit policy on capable hosts).',
      zh: '未设置 io.policy：不设置 io（仅在主机支持并显式配置策略时使用 io_uring）。',
    },
    ['cloudstack-io-policy', 'cloudstack-io-uring'],
  );
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
