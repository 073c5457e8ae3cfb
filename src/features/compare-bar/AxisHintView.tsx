import type { AxisFix, AxisHint } from '../../core/compare';
import { hintFix, hintPairs } from '../../core/compare';
import type { Dimension } from '../../core/model/record.types';
import type { I18n } from '../../shared/i18n/i18n';
import { useI18n } from '../../shared/i18n/i18n';
import { dimLabel, valueLabel } from '../../shared/labels';

/** What useAxisHints (src/app) found for the current view. */
export interface HintState {
  /** Hints best first (axisHints()); empty when the comparison needs none. */
  hints: AxisHint[];
  /** The hints are about these sets only (they pair nothing while others do); empty: all data. */
  scope: string[];
  /** Filters leave the comparison empty: this many cells pair without them (null: not the cause). */
  filtersCause: number | null;
  /** Still looking (large data is searched in slices). */
  pending: boolean;
}

export const NO_HINTS: HintState = { hints: [], scope: [], filtersCause: null, pending: false };

/** Up to three set names, then "+N". */
const setList = (i18n: I18n, names: readonly string[]) =>
  names.length <= 3
    ? names.join(', ')
    : `${names.slice(0, 2).join(', ')} +${i18n.fmt.int(names.length - 2)}`;

const values = (i18n: I18n, axis: Dimension, vs: readonly string[]) =>
  vs.map((v) => valueLabel(i18n, axis, v)).join(', ');

/** The current comparison's axis, baseline and candidate, as shown (for sentences about them). */
export interface HintNames {
  axis: string;
  baseline: string;
  candidate: string;
}

/** The cause of a hint as one translated sentence (without its fix, which is a button). */
export function hintMessage(i18n: I18n, h: AxisHint, names: HintNames): string {
  const { t } = i18n;
  switch (h.kind) {
    case 'axis-empty': {
      const axis = dimLabel(i18n, h.axis);
      const cause =
        h.present.length === 0
          ? t('hint.axisEmpty', { axis })
          : t('hint.axisOnly', { axis, value: valueLabel(i18n, h.axis, h.present[0]!) });
      const fix = h.fix;
      if (!fix) return t('hint.join', { a: cause, b: t('hint.noOther') });
      if (fix.axis === 'set')
        return t('hint.join', {
          a: cause,
          b: t('hint.sameEnv', { a: fix.baseline, b: fix.candidate }),
        });
      const alt = h.alternatives.find((a) => a.axis === fix.axis);
      return t('hint.join', {
        a: cause,
        b: t('hint.has', {
          axis: dimLabel(i18n, fix.axis),
          values: values(i18n, fix.axis, alt?.values ?? [fix.baseline, fix.candidate]),
        }),
      });
    }
    case 'values-absent':
      return t('hint.valuesAbsent', {
        values: values(i18n, h.axis, h.missing),
        axis: dimLabel(i18n, h.axis),
        present: values(i18n, h.axis, h.present),
      });
    case 'pool-sets':
      return h.current
        ? t('hint.poolMore', { n: i18n.fmt.int(h.pairs), current: i18n.fmt.int(h.current) })
        : t('hint.poolOnly');
    case 'compare-sets':
      return t('hint.sameEnv', { a: h.sets[0], b: h.sets[1] });
    case 'no-pairs': {
      const code = h.code ?? 'out-of-scope';
      const reason =
        code === 'differ'
          ? t('hint.reason.differ', {
              baseline: names.baseline,
              candidate: names.candidate,
              fields: (h.fields ?? []).map((f) => dimLabel(i18n, f)).join(', '),
            })
          : t(`hint.reason.${code}`, { axis: names.axis });
      return t('hint.noPairs', { reason });
    }
  }
}

/** The button text of a fix. */
export function fixLabel(i18n: I18n, f: AxisFix, kind: AxisHint['kind']): string {
  const { t } = i18n;
  if (f.axis === 'set') return t('hint.fix.sets', { a: f.baseline, b: f.candidate });
  if (kind === 'pool-sets') return t('hint.fix.pool');
  const vars = {
    axis: dimLabel(i18n, f.axis),
    baseline: valueLabel(i18n, f.axis, f.baseline),
    candidate: valueLabel(i18n, f.axis, f.candidate),
  };
  if (kind === 'values-absent' && !f.poolSets) return t('hint.fix.values', vars);
  return t(f.poolSets ? 'hint.fix.axisPooled' : 'hint.fix.axis', vars);
}

const sameFix = (a: AxisFix, b: AxisFix) =>
  a.axis === b.axis &&
  a.baseline === b.baseline &&
  a.candidate === b.candidate &&
  a.poolSets === b.poolSets;

/** The first hint and up to `more` other distinct fixes (other hints, other alternatives). */
export function fixesOf(
  hints: readonly AxisHint[],
  more = 1,
): { fix: AxisFix; kind: AxisHint['kind']; pairs: number }[] {
  const out: { fix: AxisFix; kind: AxisHint['kind']; pairs: number }[] = [];
  const push = (fix: AxisFix | null | undefined, kind: AxisHint['kind'], pairs: number) => {
    if (!fix || out.length > more || out.some((o) => sameFix(o.fix, fix))) return;
    out.push({ fix, kind, pairs });
  };
  for (const h of hints) {
    push(hintFix(h), h.kind, hintPairs(h));
    if (h.kind === 'axis-empty') for (const a of h.alternatives) push(a.fix, h.kind, a.pairs ?? 0);
  }
  return out;
}

/**
 * The hint line: the cause in words, then one button per fix (the best one primary). Shown in
 * the comparison bar and, larger, as the empty state of the analysis area.
 */
export function AxisHintView({
  state,
  onApply,
  onClearFilters,
  variant,
  names,
}: {
  state: HintState;
  names: HintNames;
  onApply: (fix: AxisFix) => void;
  onClearFilters: () => void;
  variant: 'bar' | 'empty';
}) {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const testId = variant === 'bar' ? 'axis-hint' : 'empty-hint';
  if (state.filtersCause !== null)
    return (
      <div className={`axis-hint axis-hint-${variant}`} role="status" data-testid={testId}>
        <span className="axis-hint-text">
          {t('hint.filters', {
            baseline: names.baseline,
            candidate: names.candidate,
            n: fmt.int(state.filtersCause),
          })}
        </span>
        <button type="button" className="btn btn-primary btn-small" onClick={onClearFilters}>
          {t('state.clearFilters')}
        </button>
      </div>
    );
  if (state.hints.length === 0)
    return state.pending && variant === 'empty' ? (
      <div className={`axis-hint axis-hint-${variant}`} role="status" data-testid={testId}>
        <span className="axis-hint-text">{t('hint.computing')}</span>
      </div>
    ) : null;
  const first = state.hints[0]!;
  const text = hintMessage(i18n, first, names);
  const fixes = fixesOf(state.hints);
  return (
    <div className={`axis-hint axis-hint-${variant}`} role="status" data-testid={testId}>
      {variant === 'empty' && (
        <span className="state-icon" aria-hidden="true">
          ∅
        </span>
      )}
      <span className="axis-hint-text" data-testid={`${testId}-text`}>
        {state.scope.length > 0
          ? t('hint.inSets', { sets: setList(i18n, state.scope), text })
          : text}
      </span>
      {fixes.map((f, k) => (
        <span key={k} className="axis-hint-fix">
          {k > 0 && <span className="axis-hint-or">{t('hint.or')}</span>}
          <button
            type="button"
            className={`btn btn-small${k === 0 ? ' btn-primary' : ''}`}
            onClick={() => onApply(f.fix)}
            data-testid={k === 0 ? `${testId}-fix` : `${testId}-fix-${k}`}
          >
            {fixLabel(i18n, f.fix, f.kind)}
            {f.pairs > 0 && (
              <span className="axis-hint-pairs"> · {t('hint.pairs', { n: fmt.int(f.pairs) })}</span>
            )}
          </button>
        </span>
      ))}
    </div>
  );
}
