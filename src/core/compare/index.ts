/** Public surface of the comparison engine (pure; used by the web app, the worker and the CLI). */
export * from './compare.types';
export { compare, compareUnadjusted, cellDimensions, withDefaults } from './pair';
export { applyFdr, fdrDemotedText, fdrNote } from './fdr.apply';
export type { ComparisonFdr, FdrFamily } from './fdr.apply';
export { bhAdjust, bhKept } from './fdr';
export { pivot, pivotCellValue } from './pivot';
export { facetCounts } from './facets';
export type { FacetCount } from './facets';
export {
  dimensionValue,
  extraDimensions,
  isDimension,
  compareValues,
  compareTuples,
  joinKey,
  displayValue,
  formatBlockSize,
  NON_DIMENSION_EXTRAS,
} from './dimensions';
export { summarize, summarizeCells, cellRatio } from './summary';
export { deltaOf } from './cell';
export type { DeltaReading } from './cell';
export { aggregate, welch, tQuantile, welchInterval, tostP, geometricMean } from './stats';
export { metricDelta, deltaText, formatPct, METRIC_LABELS, DELTA_METRICS, ALPHA } from './verdict';
export { coverage, MAX_MATRIX_CELLS, MAX_GAPS } from './coverage';
export { fioCommand, libvirtDriver } from './coverage.gaps';
export type { CoverageReport, CoverageOptions } from './coverage';
export { hostBaseline, hostBaselineIndex, HOST_MATCH_FIELDS } from './host';
export { toSpecJson, toGroupJson, jsonValue } from './output.rows';
export { toCsv, csvSafe } from './output.csv';
export { toTable, describeCell, compactNumber } from './output';
export type { SpecRow, SpecSide } from './output.rows';
export { axisHints, axisHintSteps, hintFix, hintPairs } from './axis-hints';
export { describeHint, describeFix, dimensionName } from './axis-hints.text';
export { countPairs } from './axis-hints.count';
export type {
  AxisFix,
  AxisHint,
  AxisAlternative,
  AxisHintOptions,
  NoPairsCode,
} from './axis-hints.types';
