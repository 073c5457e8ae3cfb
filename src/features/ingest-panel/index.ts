/** Public surface of the ingest panel feature (mounted by src/app). */
export { IngestPanel, ACCEPTED_FILES, type IngestPanelProps } from './IngestPanel';
