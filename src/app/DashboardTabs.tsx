/**
 * The tab list over the main area (pivot, charts, records) with their counts, arrow-key moves
 * between tabs, and the comparison's one-line summary; `tabIds` ties each tab to its panel.
 */
import type { KeyboardEvent, ReactNode } from 'react';
import type { Tab } from '../core/url-state/url-state.types';
import { TABS } from '../core/url-state/url-state.types';
import { useI18n } from '../shared/i18n/i18n';

export const tabIds = (tab: Tab) => ({ tab: `tab-${tab}`, panel: `panel-${tab}` });

export function DashboardTabs({
  tab,
  onTab,
  counts,
  summary,
}: {
  tab: Tab;
  onTab: (tab: Tab) => void;
  /** Shown next to a tab's name (none while loading). */
  counts: Partial<Record<Tab, string>>;
  /** The comparison's summary line, when it applies to the tab in view. */
  summary: ReactNode;
}) {
  const { t } = useI18n();
  const onTabKey = (e: KeyboardEvent) => {
    const i = TABS.indexOf(tab);
    const next =
      e.key === 'ArrowRight'
        ? TABS[(i + 1) % TABS.length]
        : e.key === 'ArrowLeft'
          ? TABS[(i + TABS.length - 1) % TABS.length]
          : null;
    if (next) {
      e.preventDefault();
      onTab(next);
      requestAnimationFrame(() => document.getElementById(tabIds(next).tab)?.focus());
    }
  };
  return (
    <div className="tabs" role="tablist" aria-label={t('tabs.label')} onKeyDown={onTabKey}>
      {TABS.map((id) => (
        <button
          key={id}
          type="button"
          role="tab"
          id={tabIds(id).tab}
          aria-selected={tab === id}
          aria-controls={tabIds(id).panel}
          tabIndex={tab === id ? 0 : -1}
          onClick={() => onTab(id)}
        >
          {t(`tabs.${id}`)}
          {counts[id] !== undefined && <span className="tab-count">{counts[id]}</span>}
        </button>
      ))}
      {summary}
    </div>
  );
}
