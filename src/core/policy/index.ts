/** Public surface of the policy engine (pure; used by the web app, the worker and the CLI). */
export * from './policy.types';
export { CITATIONS, citation, citationsFor } from './citations';
export type { CitationEntry, CitationId } from './citations';
export {
  HOST_PRESETS,
  DEFAULT_HOST_ID,
  hostPreset,
  defaultHostProfile,
  compareVersions,
  versionAtLeast,
  isVersion,
  hostKey,
  parseHostProfile,
  serializeHostProfile,
  describeHost,
  presetOfKernel,
} from './host-profile';
export type { HostPreset } from './host-profile';
export { deriveFacts, envKey, ioUringGaps, LAYOUTS } from './facts';
export type { Facts, Layout, MediumClass } from './facts';
export { RULES, rule } from './rules';
export type { Rule, Condition, Effect } from './rules';
export { recommend, reasonText, libvirtDriverXml, clearPolicyMemo } from './recommend';
export { summarizeEvidence } from './recommend.evidence';
export { matches } from './recommend.base';
export {
  platformChoices,
  effectiveMode,
  novaChoice,
  ovirtChoice,
  kubevirtChoice,
  proxmoxChoice,
  cloudstackChoice,
} from './platforms';
export {
  evaluateComparisons,
  buildMatrix,
  envFromCell,
  envFromRecord,
  POLICY_FIELDS,
} from './evaluate';
export type { EvaluatedGroup, MatrixRow } from './evaluate';
export { defaultPolicy, ZSTACK_PLATFORM, ioUringCapable } from './default-policy';
export type { PlatformDescription, StorageOffering, PolicyLine, CellRef } from './default-policy';
