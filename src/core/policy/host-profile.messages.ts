/**
 * The note of each host preset (host-profile.ts) in both languages, as one typed key table
 * (core/i18n) keyed by preset id; `{kernel}`, `{qemu}` and `{libvirt}` are the preset's versions.
 */
import { keyTables } from '../i18n/key-table';

const en = {
  centos7:
    "The seed team's default kernel ({kernel}): no io_uring. QEMU {qemu} (qemu-kvm-ev) and libvirt {libvirt} are assumed.",
  rhel8:
    "The seed team's experimental kernel ({kernel}): no io_uring. QEMU {qemu} and libvirt {libvirt} are assumed.",
  rhel9:
    'RHEL 9 ships io_uring disabled although the kernel has it. QEMU {qemu} and libvirt {libvirt} are assumed.',
  debian12: 'Kernel {kernel} LTS with io_uring. QEMU {qemu} and libvirt {libvirt} are assumed.',
  ubuntu2204: 'Kernel {kernel} LTS with io_uring. QEMU {qemu} and libvirt {libvirt} are assumed.',
};

export type HostPresetId = keyof typeof en;

export const HOST_PRESET_TEXT = keyTables<HostPresetId>(en, {
  centos7:
    '种子团队的默认内核（{kernel}）：不支持 io_uring。QEMU {qemu}（qemu-kvm-ev）与 libvirt {libvirt} 为假设版本。',
  rhel8:
    '种子团队的实验内核（{kernel}）：不支持 io_uring。QEMU {qemu} 与 libvirt {libvirt} 为假设版本。',
  rhel9: 'RHEL 9 内核虽支持 io_uring，但默认禁用。QEMU {qemu} 与 libvirt {libvirt} 为假设版本。',
  debian12: '{kernel} LTS 内核，支持 io_uring。QEMU {qemu} 与 libvirt {libvirt} 为假设版本。',
  ubuntu2204: '{kernel} LTS 内核，支持 io_uring。QEMU {qemu} 与 libvirt {libvirt} 为假设版本。',
});
