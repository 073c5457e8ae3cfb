/** Public surface of the ingest panel feature (mounted by src/app). */
export { IngestPanel, ACCEPTED_FILES, type IngestPanelProps } from './IngestPanel';
export { MESSAGES as INGEST_MESSAGES, type Lang, type IngestMessages } from './messages';
