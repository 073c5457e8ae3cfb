/** What the data bar's set list can do to the sets (implemented by src/app/useSetActions). */

/** Outcome of a rename or merge as the app reports it. */
export type SetEditResult =
  | { ok: true; name: string }
  | { ok: false; reason: 'empty' | 'taken' | 'none' | 'bundled' | 'server' };

export interface SetActions {
  onToggle: (name: string, on: boolean) => void;
  /** Shows (on) or hides every set named. */
  onToggleMany: (names: readonly string[], on: boolean) => void;
  onRename?: (from: string, to: string) => SetEditResult;
  onRemove?: (name: string) => void;
  onMerge?: (names: readonly string[], into: string) => SetEditResult;
}
