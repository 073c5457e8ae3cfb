/** The props every chart of the charts tab receives (one set, passed through by Charts.tsx). */
import type { Comparison } from '../../core/compare';
import type { Dimension, MetricField, ResultRecord } from '../../core/model/record.types';
import type { SweepView } from '../../core/url-state/sweep-state';
import type { Selection } from '../../core/url-state/selection';

export interface ChartsProps {
  comparison: Comparison;
  /** The filtered records (the sweep chart and the depth × jobs grid read their numeric fields). */
  records: readonly ResultRecord[];
  /** Host-layer records (bare-metal baselines) that pass the filters. */
  hostRecords: readonly ResultRecord[];
  rows: Dimension[];
  cols: Dimension[];
  metric: MetricField;
  thresholdPct: number;
  baselineName: string;
  candidateName: string;
  topN: number;
  onTopN: (n: number) => void;
  selected: Selection | null;
  onSelect: (sel: Selection) => void;
  onShowAll: () => void;
  /** The sweep chart's and grid's choices (URL state); without them the charts keep their own. */
  sweep?: SweepView;
  onSweep?: (sweep: SweepView) => void;
}
