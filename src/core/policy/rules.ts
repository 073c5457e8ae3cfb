/**
 * The policy as data. Each rule has an id, a declarative condition over Facts (facts.ts), an
 * effect and citation ids into citations.ts; its id is also the key of its reason, in English and
 * Chinese, in the key table of rules.messages.ts (RULE_TEXT). The engine
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
import { bilingual } from '../i18n/key-table';
import { RULE_TEXT, type RuleId } from './rules.messages';

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

/** A rule as data; its id is the key of its text in RULE_TEXT (rules.messages.ts). */
export interface RuleData {
  id: RuleId;
  stage: 'hard' | 'layout' | 'avoid' | 'warn' | 'risk' | 'modifier';
  condition: Condition;
  effect: Effect;
  citations: readonly CitationId[];
  /** Research table row (§8.2) or section this rule implements, for the rule list. */
  implements: string;
}

/** A rule with its text in both languages ({placeholders} still to be filled from the facts). */
export interface Rule extends RuleData {
  text: Record<Lang, string>;
}

const BLOCKISH: readonly Layout[] = ['block-raw', 'block-thin', 'block-qcow2-lvm'];
const O_DIRECT_FAST: readonly Layout[] = [
  'block-raw',
  'block-qcow2-lvm',
  'file-full',
  'file-falloc',
];

const RULE_DATA: readonly RuleData[] = [
  // ── 1. Hard rules ────────────────────────────────────────────────────────────────────────
  {
    id: 'H3-network-protocol',
    stage: 'hard',
    implements: '§8.1 H3, §8.2 row 1',
    condition: { layout: ['network'] },
    effect: { kind: 'not-applicable' },
    citations: ['nova-spec-network', 'nova-bcf246f', 'ovirt-engine-native-io'],
  },
  {
    id: 'H1-native-needs-odirect',
    stage: 'hard',
    implements: '§8.1 H1',
    condition: { cacheDirect: false },
    effect: { kind: 'forbid', mode: 'native' },
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
    citations: ['rhel9-io-uring-off', 'kernel-io-uring-disabled'],
  },
  {
    id: 'H5-kubevirt-no-io-uring',
    stage: 'hard',
    implements: '§7.1',
    condition: { platform: ['kubevirt'] },
    effect: { kind: 'forbid', mode: 'io_uring' },
    citations: ['kubevirt-no-io-uring'],
  },
  // ── 2. Layout rules (§8.2 rows 2–11; row 12 is H2 applied to them) ───────────────────────
  {
    id: 'L2-block-raw',
    stage: 'layout',
    implements: '§8.2 rows 2, 3',
    condition: { layout: ['block-raw'] },
    effect: { kind: 'layout', prefer: ['native', 'io_uring', 'threads'], confidence: 'high' },
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
    citations: ['vdsm-driver-xml', 'rhel7-io-mode', 'zstack-sharedblock', 'nova-rfc-mail'],
  },
  {
    id: 'L6-file-full',
    stage: 'layout',
    implements: '§8.2 row 6',
    condition: { layout: ['file-full'] },
    effect: { kind: 'layout', prefer: ['native', 'io_uring', 'threads'], confidence: 'high' },
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
    citations: ['nova-spec', 'kubevirt-set-optimal-io', 'zstack-2023q1'],
  },
  {
    id: 'L7-file-sparse',
    stage: 'layout',
    implements: '§8.2 rows 7, 8',
    condition: { layout: ['file-sparse'] },
    effect: { kind: 'layout', prefer: ['io_uring', 'threads'], confidence: 'high' },
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
    citations: ['pve-drive-pm', 'vdsm-driver-xml', 'nova-volume-drivers', 'nova-spec'],
  },
  {
    id: 'L10-cifs',
    stage: 'layout',
    implements: '§8.2 row 10',
    condition: { layout: ['cifs'], preallocated: true },
    // io_uring is listed last so that A-io-uring-cifs removes it with its reason shown.
    effect: { kind: 'layout', prefer: ['native', 'threads', 'io_uring'], confidence: 'medium' },
    citations: ['pve-drive-pm', 'pve-e31762f2'],
  },
  {
    id: 'L10-cifs-sparse',
    stage: 'layout',
    implements: '§8.2 row 10',
    condition: { layout: ['cifs'] },
    effect: { kind: 'layout', prefer: ['threads', 'io_uring'], confidence: 'medium' },
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
    citations: ['ovirt-gluster-revert'],
  },
  {
    id: 'L0-unknown',
    stage: 'layout',
    implements: '§8.3 rule 8',
    condition: { layout: ['unknown'] },
    effect: { kind: 'layout', prefer: ['threads'], confidence: 'low' },
    citations: ['qemu-qapi-default'],
  },
  // ── 3. Avoid rules: valid, but switched off by a platform for stability ───────────────────
  {
    id: 'A-io-uring-lvm',
    stage: 'avoid',
    implements: '§8.3 rule 6, §8.2 rows 2, 5',
    condition: { lvm: true },
    effect: { kind: 'avoid', mode: 'io_uring' },
    citations: ['pve-78a3ada7'],
  },
  {
    id: 'A-io-uring-krbd-buffered',
    stage: 'avoid',
    implements: '§8.3 rule 6, §8.2 row 3',
    condition: { krbd: true, cacheDirect: false },
    effect: { kind: 'avoid', mode: 'io_uring' },
    citations: ['pve-628937f5'],
  },
  {
    id: 'A-io-uring-cifs',
    stage: 'avoid',
    implements: '§8.3 rule 6, §8.2 row 10',
    condition: { layout: ['cifs'] },
    effect: { kind: 'avoid', mode: 'io_uring' },
    citations: ['pve-e31762f2'],
  },
  // ── 4. Warnings (always shown) and mode risks (shown when that mode is chosen) ─────────────
  {
    id: 'W-native-sparse',
    stage: 'warn',
    implements: '§8.3 rule 2, §8.2 row 7',
    condition: { layout: ['file-sparse', 'nfs', 'cifs'], preallocated: false },
    effect: { kind: 'warn' },
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
    citations: ['surisetty-2016'],
  },
  {
    id: 'W-native-thin',
    stage: 'warn',
    implements: '§8.2 row 4',
    condition: { layout: ['block-thin'] },
    effect: { kind: 'warn' },
    citations: ['nova-rfc-mail'],
  },
  {
    id: 'W-native-gluster',
    stage: 'warn',
    implements: '§8.2 row 11',
    condition: { layout: ['gluster'] },
    effect: { kind: 'warn' },
    citations: ['ovirt-gluster-revert'],
  },
  {
    id: 'R-falloc-caveat',
    stage: 'risk',
    implements: '§7.5, §9 item 4',
    condition: { layout: ['file-falloc'] },
    effect: { kind: 'risk', modes: ['native'] },
    citations: ['zstack-2023q1', 'kubevirt-ionative-doc'],
  },
  {
    id: 'R-native-queue-depth',
    stage: 'risk',
    implements: '§8.2 modifiers (queue depth)',
    condition: {},
    effect: { kind: 'risk', modes: ['native'] },
    citations: ['axboe-nr-requests'],
  },
  {
    id: 'R-qemu-warn-only',
    stage: 'risk',
    implements: '§8.1 H4',
    condition: { qemuWarnOnlyFallback: true },
    effect: { kind: 'risk', modes: ['native', 'io_uring'] },
    citations: ['qemu-8.2-fallback'],
  },
  // ── 5. Modifiers: notes that never change the mode ───────────────────────────────────────
  {
    id: 'M-hdd',
    stage: 'modifier',
    implements: '§8.2 modifiers (medium)',
    condition: { medium: ['hdd'] },
    effect: { kind: 'note' },
    citations: ['zstack-hdd'],
  },
  {
    id: 'M-parity',
    stage: 'modifier',
    implements: '§8.3 rule 10',
    condition: { layout: O_DIRECT_FAST, cacheDirect: true, ioUringAvailable: true, lvm: false },
    effect: { kind: 'note' },
    citations: ['hajnoczi-2025'],
  },
  {
    id: 'M-buffered-io-uring',
    stage: 'modifier',
    implements: '§8.3 rule 5, §8.2 rows 3, 8',
    condition: { cacheDirect: false, ioUringAvailable: true },
    effect: { kind: 'note' },
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
    citations: ['hajnoczi-2025-iothread', 'blockbridge-iothreads'],
  },
];

/** The rules in order, each with its text from RULE_TEXT. */
export const RULES: readonly Rule[] = RULE_DATA.map((r) => ({
  ...r,
  text: bilingual(RULE_TEXT, r.id),
}));

/** Rule by id (for the rule list in the report and the CLI). */
export function rule(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
