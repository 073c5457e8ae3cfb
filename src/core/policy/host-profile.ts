/**
 * Host profiles: the host facts a decision depends on (kernel, QEMU, libvirt, io_uring switched
 * off, platform flavour), distribution presets, version comparison, and the compact string the
 * dashboard keeps in its URL (`host=` parameter of src/core/url-state).
 *
 * Preset versions: the kernel versions and RHEL 9's disabled io_uring come from the research
 * (§5, the seed's kernel table); the QEMU and libvirt versions are the distributions' shipped
 * versions as commonly known — ASSUMPTIONS, not from the research (see `assumed`).
 */
import type { Result } from '../model/result';
import { fail, ok } from '../model/result';
import type { HostProfile, Lang, Platform } from './policy.types';
import { PLATFORMS } from './policy.types';
import { bilingual } from '../i18n/key-table';
import { HOST_PRESET_TEXT, type HostPresetId } from './host-profile.messages';

export interface HostPreset {
  id: string;
  label: string;
  profile: HostProfile;
  /** Fields whose values are assumptions (the distribution's known versions), not research facts. */
  assumed: ReadonlyArray<'qemu' | 'libvirt'>;
  /** What the preset is and assumes (HOST_PRESET_TEXT in host-profile.messages.ts). */
  note: Record<Lang, string>;
}

const preset = (
  id: HostPresetId,
  label: string,
  kernel: string,
  qemu: string,
  libvirt: string,
  ioUringDisabled: boolean,
): HostPreset => ({
  id,
  label,
  profile: { kernel, qemu, libvirt, ioUringDisabled, preset: id, platform: 'generic' },
  assumed: ['qemu', 'libvirt'],
  note: bilingual(HOST_PRESET_TEXT, id, { kernel, qemu, libvirt }),
});

export const HOST_PRESETS: readonly HostPreset[] = [
  preset('centos7', 'CentOS 7 / 3.10', '3.10', '2.12', '4.5', false),
  preset('rhel8', 'RHEL 8 / 4.18', '4.18', '6.2', '8.0', false),
  preset('rhel9', 'RHEL 9 / 5.14 (io_uring disabled)', '5.14', '8.2', '10.0', true),
  preset('debian12', 'Debian 12 / 6.1', '6.1', '7.2', '9.0', false),
  preset('ubuntu2204', 'Ubuntu 22.04 / 5.15', '5.15', '6.2', '8.0', false),
];

/** The profile used when the user set nothing: the seed team's host (CentOS 7 / 3.10). */
export const DEFAULT_HOST_ID = 'centos7';

export function hostPreset(id: string): HostPreset | undefined {
  return HOST_PRESETS.find((p) => p.id === id);
}

/** The default host profile (a fresh copy). */
export function defaultHostProfile(): HostProfile {
  return { ...hostPreset(DEFAULT_HOST_ID)!.profile };
}

const VERSION_RE = /^\d{1,4}(?:\.\d{1,6}){0,3}(?:[-+~_.][0-9A-Za-z._+~-]{0,40})?$/;

/** Is `s` a version string we accept ("5.14", "6.1.0-13-amd64", "5.14.0-284.el9")? */
export function isVersion(s: string): boolean {
  return s.length <= 48 && VERSION_RE.test(s);
}

/**
 * How each distribution names its kernel releases (`uname -r`), and the preset it ships: RHEL
 * and its rebuilds (CentOS, Rocky, Alma, Oracle's RHCK) end in `.el<major>` (`3.10.0-1160.el7`,
 * `4.18.0-477.el8`, `5.14.0-284.30.1.el9_2.x86_64`), Debian in `-<abi>-<architecture>`
 * (`6.1.0-18-amd64`), Ubuntu in `-<abi>-<flavour>` (`5.15.0-91-generic`). The kernel version
 * must also be the preset's: a mainline kernel built for EL (elrepo's `6.6.1-1.el9.elrepo`) is
 * not RHEL's kernel, and RHEL 9's kernel is the one with io_uring disabled by default
 * (research §5, CentOS Stream 9 kernel MR 2870 [V]; rule `rhel9-io-uring-off`).
 */
const KERNEL_NAMING: ReadonlyArray<{
  pattern: RegExp;
  preset: (m: RegExpExecArray) => string | undefined;
}> = [
  {
    pattern: /\.el(\d+)(?:_\d+)?(?:\.(?:x86_64|aarch64|ppc64le|s390x))?$/,
    preset: (m) => ({ '7': 'centos7', '8': 'rhel8', '9': 'rhel9' })[m[1]!],
  },
  {
    pattern:
      /^\d+\.\d+\.\d+-\d+-(?:(?:cloud|rt)-)?(?:amd64|arm64|armmp|686|686-pae|ppc64el|s390x)$/,
    preset: () => 'debian12',
  },
  {
    pattern: /^\d+\.\d+\.\d+-\d+-(?:generic|lowlatency|virtual|kvm|aws|azure|gcp|oracle|ibm)$/,
    preset: () => 'ubuntu2204',
  },
];

/**
 * The distribution preset whose kernel `kernel` (a `uname -r` string) is: "5.14.0-284.el9" →
 * rhel9 (io_uring disabled), "4.18.0-477.el8" → rhel8, "3.10.0-1160.el7" → centos7,
 * "6.1.0-18-amd64" → debian12, "5.15.0-91-generic" → ubuntu2204. Undefined when the string
 * names no distribution, or one whose release of that version has no preset ("5.10.0-28-amd64"
 * is Debian 11; "5.4.0-150-generic" Ubuntu 20.04).
 */
export function presetOfKernel(kernel: string): HostPreset | undefined {
  const k = kernel.trim();
  for (const { pattern, preset } of KERNEL_NAMING) {
    const m = pattern.exec(k);
    const id = m ? preset(m) : undefined;
    const p = id ? hostPreset(id) : undefined;
    if (!p) continue;
    // Same major.minor as the preset's kernel ("5.14" for "5.14.0-284.el9").
    const [major, minor] = numericParts(k);
    const [pMajor, pMinor] = numericParts(p.profile.kernel);
    if (major === pMajor && minor === pMinor) return p;
  }
  return undefined;
}

/** Leading numeric components of a version: "5.14.0-284.el9" → [5, 14, 0]. */
function numericParts(v: string): number[] {
  const m = /^\d+(?:\.\d+)*/.exec(v.trim());
  return m ? m[0].split('.').map(Number) : [];
}

/**
 * Compares two versions by their leading numeric components (missing components count as 0):
 * negative when a < b, 0 when equal, positive when a > b. "5.1" < "5.14" < "6.1".
 */
export function compareVersions(a: string, b: string): number {
  const x = numericParts(a);
  const y = numericParts(b);
  const n = Math.max(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** a ≥ b as versions. An empty / non-numeric `a` is never ≥ anything. */
export function versionAtLeast(a: string, b: string): boolean {
  if (numericParts(a).length === 0) return false;
  return compareVersions(a, b) >= 0;
}

/** Stable key of a profile, for memoization (all decision-relevant fields). */
export function hostKey(h: HostProfile): string {
  return `${h.kernel}|${h.qemu}|${h.libvirt}|${h.ioUringDisabled ? 1 : 0}|${h.platform}`;
}

const isPlatform = (s: string): s is Platform => (PLATFORMS as readonly string[]).includes(s);

/**
 * Parses the URL form of a host profile (see serializeHostProfile): a preset id, optionally
 * followed by overrides, or overrides alone, comma-separated:
 *   "debian12"  ·  "rhel9,platform:nova"  ·  "kernel:6.6,qemu:8.2,libvirt:10.0,io_uring:off"
 * Keys: kernel, qemu, libvirt (versions), io_uring (on|off), platform (nova|ovirt|kubevirt|
 * proxmox|cloudstack|generic). Unspecified fields come from the preset, else the default profile.
 * Never throws; any unknown key, bad version or duplicate makes the whole value invalid.
 */
export function parseHostProfile(value: string | null | undefined): Result<HostProfile> {
  if (value === null || value === undefined || value.trim() === '') return ok(defaultHostProfile());
  if (value.length > 200) return fail('host profile too long');
  const tokens = value.split(',').map((t) => t.trim());
  let base: HostPreset | undefined;
  const seen = new Set<string>();
  const over: Partial<HostProfile> = {};
  for (const [i, t] of tokens.entries()) {
    const colon = t.indexOf(':');
    if (colon < 0) {
      if (i !== 0) return fail(`preset must come first: ${t}`);
      base = hostPreset(t);
      if (!base) return fail(`unknown host preset: ${t}`);
      continue;
    }
    const key = t.slice(0, colon);
    const v = t.slice(colon + 1);
    if (seen.has(key)) return fail(`duplicate host field: ${key}`);
    seen.add(key);
    switch (key) {
      case 'kernel':
      case 'qemu':
      case 'libvirt':
        if (!isVersion(v)) return fail(`invalid ${key} version: ${v}`);
        over[key] = v;
        break;
      case 'io_uring':
        if (v !== 'on' && v !== 'off') return fail(`io_uring must be on or off: ${v}`);
        over.ioUringDisabled = v === 'off';
        break;
      case 'platform':
        if (v !== 'generic' && !isPlatform(v)) return fail(`unknown platform: ${v}`);
        over.platform = v;
        break;
      default:
        return fail(`unknown host field: ${key}`);
    }
  }
  const from = base?.profile ?? defaultHostProfile();
  const profile: HostProfile = { ...from, ...over, preset: base ? base.id : null };
  // A preset whose facts were overridden is no longer that preset.
  if (
    base &&
    (profile.kernel !== base.profile.kernel ||
      profile.qemu !== base.profile.qemu ||
      profile.libvirt !== base.profile.libvirt ||
      profile.ioUringDisabled !== base.profile.ioUringDisabled)
  ) {
    profile.preset = null;
  }
  return ok(profile);
}

/**
 * URL form of a profile: the preset id when the facts are a preset's, else all facts;
 * `platform:` only when it is not 'generic'. parseHostProfile(serializeHostProfile(p)) gives
 * back p's facts (kernel, qemu, libvirt, ioUringDisabled, platform).
 */
export function serializeHostProfile(p: HostProfile): string {
  const matching = HOST_PRESETS.find(
    (x) =>
      x.profile.kernel === p.kernel &&
      x.profile.qemu === p.qemu &&
      x.profile.libvirt === p.libvirt &&
      x.profile.ioUringDisabled === p.ioUringDisabled,
  );
  const preferred = p.preset !== null && matching?.id !== p.preset ? undefined : matching;
  const parts = preferred
    ? [preferred.id]
    : [
        `kernel:${p.kernel}`,
        `qemu:${p.qemu}`,
        `libvirt:${p.libvirt}`,
        `io_uring:${p.ioUringDisabled ? 'off' : 'on'}`,
      ];
  if (p.platform !== 'generic') parts.push(`platform:${p.platform}`);
  return parts.join(',');
}

/** A human label: "Debian 12 / 6.1" or "kernel 6.6 · QEMU 8.2 · libvirt 10.0 · io_uring off". */
export function describeHost(p: HostProfile): string {
  const pre = p.preset ? hostPreset(p.preset) : undefined;
  if (pre) return pre.label;
  return `kernel ${p.kernel} · QEMU ${p.qemu} · libvirt ${p.libvirt}${p.ioUringDisabled ? ' · io_uring off' : ''}`;
}
