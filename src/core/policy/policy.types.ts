/**
 * Contracts of the policy engine. Rules are data (rules.ts) with citation ids into one registry
 * (citations.ts); only research items marked [V] or [V2] are citable.
 */
import type { AioMode, CacheMode, DiskFormat, Prealloc, SourceType } from '../model/record.types';
import type { CellComparison } from '../compare/compare.types';
import type { Lang } from '../i18n/lang';

export type Recommendation = AioMode | 'n/a';
export type Confidence = 'high' | 'medium' | 'low';
/** Defined once in core/i18n; re-exported for the policy's importers. */
export type { Lang } from '../i18n/lang';

/** A disk described without data (the CLI's --cell, the report's matrix) or taken from a cell. */
export interface CellEnvironment {
  source: SourceType | null;
  storage: string | null;
  /** host filesystem for file sources: xfs, ext4, nfs, cifs, glusterfs … */
  fs: string | null;
  format: DiskFormat | null;
  prealloc: Prealloc | null;
  cache: CacheMode | null;
  medium: string | null;
  bus: string | null;
  iothread: boolean | null;
  /** network protocol for source=network: rbd, gluster, iscsi, nbd … */
  protocol?: string | null;
}

export const PLATFORMS = ['nova', 'ovirt', 'kubevirt', 'proxmox', 'cloudstack'] as const;
export type Platform = (typeof PLATFORMS)[number];

export interface HostProfile {
  /** e.g. "3.10", "5.14", "6.1". */
  kernel: string;
  qemu: string;
  libvirt: string;
  ioUringDisabled: boolean;
  /** id of a preset when the profile came from one. */
  preset: string | null;
  platform: Platform | 'generic';
}

export interface Citation {
  id: string;
  title: string;
  url: string;
  /** Research confidence: only 'V' and 'V2' are allowed in the registry. */
  tag: 'V' | 'V2';
  /** Section of docs/research/aio-policy-research.md. */
  section: string;
}

export interface Reason {
  ruleId: string;
  text: Record<Lang, string>;
  citations: string[];
}

export interface PlatformChoice {
  platform: Platform;
  mode: Recommendation | 'default(threads)';
  why: Record<Lang, string>;
  citations: string[];
  /** Extension: false when the platform's pick cannot run on the given host (e.g. io_uring on 3.10). */
  validOnHost?: boolean;
}

export interface PolicyDecision {
  recommendation: Recommendation;
  confidence: Confidence;
  /** Modes that are valid and acceptable, best first. */
  acceptable: Recommendation[];
  reasons: Reason[];
  risks: Reason[];
  /** Sources of all reasons and risks, de-duplicated. */
  sources: Citation[];
  platforms: Record<Platform, PlatformChoice>;
  /** e.g. <driver name='qemu' type='qcow2' cache='none' io='native'/> */
  libvirtXml: string;
  /** Sources disagree on this kind of disk (research §9). */
  contested: boolean;
  /** Extension: layout class of the disk (facts.ts Layout), e.g. 'file-sparse'. */
  layout?: string;
  /** Extension: ids of the rules that fired, in order (rules.ts). */
  rules?: string[];
  /** Extension: what the evidence was and how it was used. */
  evidence?: EvidenceSummary;
}

/** Extension: verdict counts of one pair of aio modes in a cell's evidence. */
export interface EvidencePair {
  baseline: AioMode;
  candidate: AioMode;
  improvement: number;
  regression: number;
  noDifference: number;
  inconclusive: number;
  /** Range of the primary-metric deltas (IOPS %, candidate vs baseline) of decided comparisons; null when none. */
  minPct: number | null;
  maxPct: number | null;
  /** Decided comparisons (not inconclusive) that rest on a single run per side. */
  singleRun: number;
  /** Regressions measured on first writes to a disk that was not pre-written (allocation path). */
  firstWriteRegressions: number[];
}

/** Extension: how the comparisons given to recommend() were used. */
export interface EvidenceSummary {
  given: number;
  used: number;
  /** Left out because a record they rest on is flagged (never used for a decision). */
  skippedFlagged: number;
  /** Left out because the configuration is invalid (native without O_DIRECT). */
  skippedInvalid: number;
  /** Left out because a side has no measurement (blank, failed or only restated rows). */
  skippedEmpty: number;
  pairs: EvidencePair[];
  /** The recommendation was changed from the rule's first choice by the measured winner. */
  changedByEvidence: boolean;
  /** Confidence moved by the evidence: +1 raised, −1 lowered, 0 unchanged. */
  confidenceShift: -1 | 0 | 1;
  /** Extension (issue 15.3): measured stalls of native on this unwritten disk (stall-evidence.ts). */
  stalls?: { key: string; other: AioMode; text: string }[];
}

/** Evidence from the comparison engine for one cell, any axis pairs among aio modes. */
export interface CellEvidence {
  comparisons: CellComparison[];
}
