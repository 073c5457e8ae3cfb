/** Shapes of the axis hints (contract E): fixes, alternatives, hints, options, and the search's candidates. */
import type { Dimension } from '../model/record.types';
import type { Comparison } from './compare.types';

export interface AxisFix {
  axis: Dimension;
  baseline: string;
  candidate: string;
  poolSets: boolean;
}

export interface AxisAlternative {
  axis: Dimension;
  /** Values present (non-empty), in the order baselines and candidates are chosen from. */
  values: string[];
  /** Cells the alternative's fix pairs (compare()); absent when it was not evaluated. */
  pairs?: number;
  /** The alternative's best fix; absent when not evaluated, null when it pairs nothing. */
  fix?: AxisFix | null;
}

export type AxisHint =
  | {
      kind: 'axis-empty';
      axis: Dimension;
      present: string[];
      alternatives: AxisAlternative[];
      fix: AxisFix | null;
      /** Extension: cells the fix pairs (0 without a fix). */
      pairs?: number;
    }
  | {
      kind: 'values-absent';
      axis: Dimension;
      missing: string[];
      present: string[];
      fix: AxisFix | null;
      /** Extension: cells the fix pairs (0 without a fix). */
      pairs?: number;
    }
  | {
      kind: 'pool-sets';
      pairs: number;
      fix: AxisFix;
      /** Extension: cells paired without pooling (0: the sets pair only when pooled). */
      current?: number;
    }
  | { kind: 'compare-sets'; sets: [string, string]; pairs: number; fix: AxisFix }
  | {
      kind: 'no-pairs';
      reason: string;
      /** Extension: the reason as a code (for translation), and the fields that differ. */
      code?: NoPairsCode;
      fields?: Dimension[];
    };

/** Why nothing pairs, when no fix was found. */
export type NoPairsCode =
  'no-records' | 'host-only' | 'axis-empty' | 'values-absent' | 'differ' | 'out-of-scope';

export interface AxisHintOptions {
  /** compare(records, spec) when the caller has it already (saves one comparison). */
  current?: Comparison;
  /** Most compare() runs spent on candidates (default 16). */
  budget?: number;
}

/** Values of one dimension in the hints' records: counts per value, first-appearance order. */
export interface ValueCounts {
  values: string[];
  counts: number[];
}

/** One candidate fix with its upper bound of pairs and, once evaluated, its real pairs. */
export interface Candidate {
  tier: number;
  rank: number;
  axis: Dimension;
  baseline: string;
  candidate: string;
  bound: number;
  pairs: number | null;
  pooled: boolean;
}
