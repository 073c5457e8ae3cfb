/**
 * The decision report (route /report). Mount it from src/app with everything through props:
 *
 *   const host = parseHostProfile(view.host);            // src/core/policy, validated URL state
 *   const cells = compare(records).cells;                // src/core/compare, aio threads→native
 *   <ReportPage records={records} comparisons={cells} host={host.ok ? host.value : defaultHostProfile()}
 *               lang={lang} sets={names} permalink={location.href} />
 *
 * See ReportPageProps for the optional props (platform description, chart slot, print handler).
 */
export { ReportPage } from './ReportPage';
export type { ReportPageProps } from './ReportPage';
export { buildReport } from './report-model';
export type {
  ReportModel,
  EvidenceGroup,
  EvidenceBar,
  OpenQuestion,
  Caveats,
} from './report-model';
