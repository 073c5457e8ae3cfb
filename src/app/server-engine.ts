/**
 * What the page needs to compare a set kept on the team server (useServerAnalysis.ts), in a
 * chunk of its own: only a page that opens such a set loads it (the initial JavaScript budget).
 */
export { decideAggregates, prepareAggregates } from '../core/compare/aggregates.compare';
export { aggregateFacets, aggregatesOnSides } from '../core/compare/aggregates.view';
export { parseCellsWire } from '../core/compare/aggregates.wire';
