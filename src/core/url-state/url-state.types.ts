/**
 * The dashboard's view state: every user choice that a shared link must reproduce. Pure data;
 * encoded in the query string by url-state.ts. React code keeps one ViewState and never reads
 * `location.search` itself.
 */
import type { Dimension, EnvironmentField, MetricField } from '../model/record.types';
import type { Lang } from '../policy/policy.types';
import type { Selection } from './selection';
import { DEFAULT_SWEEP_VIEW } from './sweep-state';
import type { SweepView } from './sweep-state';

export const TABS = ['pivot', 'charts', 'records'] as const;
export type Tab = (typeof TABS)[number];

/** Metrics offered in the comparison bar (iops_total is kept valid for links from the CLI). */
export const VIEW_METRICS = [
  'iops',
  'lat_mean_us',
  'lat_p99_us',
  'bw_kib_s',
  'iops_total',
] as const satisfies readonly MetricField[];

export interface ViewState {
  /** Result sets switched off in the data bar (all loaded sets are on by default). */
  hiddenSets: string[];
  /** Comparison axis and the two values compared along it. */
  axis: Dimension;
  baseline: string;
  candidate: string;
  metric: MetricField;
  /** Practical threshold, percent (0–100). */
  thresholdPct: number;
  excludeFlagged: boolean;
  poolSets: boolean;
  /** Facet filters: dimension → accepted values ('' = missing). Absent dimension = no filter. */
  filters: Partial<Record<Dimension, string[]>>;
  rows: Dimension[];
  cols: Dimension[];
  /** The selected pivot cell as dimension → value; null when nothing is selected. */
  selected: Selection | null;
  tab: Tab;
  /** Language from the link; null = use the remembered/browser language. */
  lang: Lang | null;
  /** Host profile, serialized by the policy module (validated there); null = default profile. */
  host: string | null;
  /** How many bars the delta chart shows before "show all in table". */
  topN: number;
  /**
   * The result sets the view was made from (`src`), in set order; absent in links made before
   * links named their data (they open as before, on whatever is loaded).
   */
  sources?: SetRef[];
  /**
   * Team server sets the view shows (`set=ID`, repeatable): a colleague's browser loads exactly
   * these from the server that served the page. Absent when the view shows no server set.
   */
  serverSets?: string[];
  /** The sweep chart's choices (sweep-state.ts: `sw.*` parameters). */
  sweep: SweepView;
}

/**
 * A result set a view was made from, as a link records it (`src=RECORDS.HASH.NAME`): its name,
 * its record count and the first 12 hex digits of its content hash (LoadedSet.sha256; null when
 * the set has none, e.g. saved by an older version).
 */
export interface SetRef {
  name: string;
  records: number;
  hash: string | null;
}

/** A team server's set id (src/server/store/result-store.ts SET_ID): what `set=` accepts. */
export const SERVER_SET_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Hex digits of LoadedSet.sha256 a link keeps: enough to tell contents apart, short to read. */
export const SET_HASH_LENGTH = 12;

/** Why a query parameter was ignored. The UI translates the code and shows param=value. */
export type UrlIssueCode =
  'unknown-param' | 'invalid-value' | 'duplicate' | 'unknown-set' | 'unknown-value';

export interface UrlIssue {
  param: string;
  value: string;
  code: UrlIssueCode;
}

export const DEFAULT_ROWS: readonly EnvironmentField[] = ['storage', 'medium', 'prealloc'];
export const DEFAULT_COLS: readonly EnvironmentField[] = ['rw', 'prewritten'];
export const MAX_PIVOT_DIMS = 4;
export const TOP_N_CHOICES = [10, 20, 50] as const;

export const DEFAULT_VIEW: ViewState = {
  hiddenSets: [],
  axis: 'aio',
  baseline: 'threads',
  candidate: 'native',
  metric: 'iops',
  thresholdPct: 5,
  excludeFlagged: true,
  poolSets: false,
  filters: {},
  rows: [...DEFAULT_ROWS],
  cols: [...DEFAULT_COLS],
  selected: null,
  tab: 'pivot',
  lang: null,
  host: null,
  topN: 20,
  sweep: DEFAULT_SWEEP_VIEW,
};
