import { useState } from 'react';
import type { FacetCount } from '../../core/compare';
import type { Dimension } from '../../core/model/record.types';
import { useI18n } from '../../shared/i18n/i18n';
import { dimLabel, valueLabel } from '../../shared/labels';
import type { Filters as FilterState } from './filter';
import './filters.css';

const SHOWN = 6;

/** One facet per environment field (and extra column) with value counts; checkboxes per value. */
export function Filters({
  dims,
  facets,
  filters,
  onChange,
}: {
  dims: readonly Dimension[];
  facets: Record<string, FacetCount[]>;
  filters: FilterState;
  onChange: (next: FilterState) => void;
}) {
  const { t, fmt } = useI18n();
  const i18n = useI18n();
  const activeCount = Object.values(filters).filter((v) => v && v.length > 0).length;

  const toggle = (dim: Dimension, value: string, on: boolean) => {
    const current = filters[dim] ?? [];
    const next = on ? [...current, value] : current.filter((v) => v !== value);
    const copy: FilterState = { ...filters };
    if (next.length > 0) copy[dim] = next;
    else delete copy[dim];
    onChange(copy);
  };

  return (
    <nav className="filters" aria-label={t('filters.label')} data-testid="filters">
      <div className="filters-head">
        <h2>{t('filters.label')}</h2>
        {activeCount > 0 && (
          <button type="button" className="btn-link" onClick={() => onChange({})}>
            {t('filters.clear')}
          </button>
        )}
      </div>
      {dims.map((dim) => (
        <Facet
          key={dim}
          dim={dim}
          label={dimLabel(i18n, dim)}
          counts={facets[dim] ?? []}
          selected={filters[dim] ?? []}
          onToggle={(v, on) => toggle(dim, v, on)}
          onClear={() => {
            const copy = { ...filters };
            delete copy[dim];
            onChange(copy);
          }}
          valueText={(v) => valueLabel(i18n, dim, v)}
          countText={(n) => fmt.int(n)}
          t={t}
        />
      ))}
    </nav>
  );
}

function Facet({
  dim,
  label,
  counts,
  selected,
  onToggle,
  onClear,
  valueText,
  countText,
  t,
}: {
  dim: Dimension;
  label: string;
  counts: FacetCount[];
  selected: readonly string[];
  onToggle: (value: string, on: boolean) => void;
  onClear: () => void;
  valueText: (v: string) => string;
  countText: (n: number) => string;
  t: ReturnType<typeof useI18n>['t'];
}) {
  const [expanded, setExpanded] = useState(false);
  // Selected values stay listed even when no record has them under the other filters.
  const values: FacetCount[] = [...counts];
  for (const s of selected)
    if (!values.some((c) => c.value === s)) values.push({ value: s, count: 0 });
  if (values.length === 0) return null;
  const shown = expanded ? values : values.slice(0, SHOWN);
  const headingId = `facet-${dim.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
  return (
    <fieldset className={`facet${selected.length > 0 ? ' active' : ''}`} data-facet={dim}>
      <legend id={headingId}>
        <span>{label}</span>
        {selected.length > 0 && (
          <button
            type="button"
            className="btn-link facet-clear"
            onClick={onClear}
            aria-label={t('filters.clearDim', { dim: label })}
          >
            ×
          </button>
        )}
      </legend>
      <ul>
        {shown.map((c) => {
          const on = selected.includes(c.value);
          return (
            <li key={c.value} data-value={c.value}>
              <label className={c.count === 0 && !on ? 'zero' : undefined}>
                <input
                  type="checkbox"
                  checked={on}
                  onChange={(e) => onToggle(c.value, e.currentTarget.checked)}
                />
                <span className="facet-value">{valueText(c.value)}</span>
                <span className="facet-count" aria-label={t('filters.count', { n: c.count })}>
                  {countText(c.count)}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
      {values.length > SHOWN && (
        <button
          type="button"
          className="btn-link facet-more"
          onClick={() => setExpanded((e) => !e)}
        >
          {expanded ? t('filters.less') : t('filters.more', { n: values.length - SHOWN })}
        </button>
      )}
    </fieldset>
  );
}
