import { useMemo } from 'react';
import type { CellComparison } from '../../core/compare';
import {
  HOST_PRESETS,
  envFromCell,
  envKey,
  parseHostProfile,
  reasonText,
  recommend,
  serializeHostProfile,
} from '../../core/policy';
import { PLATFORMS } from '../../core/policy/policy.types';
import type { CellEnvironment, PolicyDecision, Platform } from '../../core/policy/policy.types';
import { useI18n } from '../../shared/i18n/i18n';

const PLATFORM_NAMES: Record<Platform, string> = {
  nova: 'OpenStack Nova',
  ovirt: 'oVirt / RHV',
  kubevirt: 'KubeVirt',
  proxmox: 'Proxmox VE',
  cloudstack: 'Apache CloudStack',
};

/**
 * The policy part of the side panel: the recommendation for the selected cell's disk(s) under
 * the chosen host profile, with reasons, risks, sources, what each platform does and the libvirt
 * line. Comparison cells with different policy environments (e.g. two buses) get one line each.
 */
export function PolicyView({
  cells,
  host,
  evidenceIsAio,
  onHost,
}: {
  cells: CellComparison[];
  host: string | null;
  /** True when the comparison is along aio: the cells are evidence for the decision. */
  evidenceIsAio: boolean;
  onHost: (serialized: string | null) => void;
}) {
  const { t, lang } = useI18n();
  const profile = useMemo(() => {
    const r = parseHostProfile(host);
    return r.ok ? r.value : null;
  }, [host]);
  const groups = useMemo(() => {
    if (!profile) return [];
    const byEnv = new Map<string, { env: CellEnvironment; cells: CellComparison[] }>();
    for (const c of cells) {
      const env = envFromCell(c.cell);
      const k = envKey(env);
      const g = byEnv.get(k);
      if (g) g.cells.push(c);
      else byEnv.set(k, { env, cells: [c] });
    }
    return [...byEnv.values()].map((g) => ({
      ...g,
      decision: recommend(g.env, profile, evidenceIsAio ? g.cells : [], lang),
    }));
  }, [cells, profile, evidenceIsAio, lang]);
  const presetValue =
    profile?.preset && serializeHostProfile(profile) === profile.preset ? profile.preset : '';

  return (
    <section className="policy" data-testid="policy">
      <h3>{t('panel.policy')}</h3>
      <label className="field host-field">
        {t('panel.hostProfile')}
        <select
          value={presetValue}
          onChange={(e) => onHost(e.currentTarget.value || null)}
          data-testid="host-profile"
        >
          {presetValue === '' && <option value="">{host ?? '—'}</option>}
          {HOST_PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      {groups.length === 0 && <p className="muted">{t('panel.noMatch')}</p>}
      {groups.map((g) => (
        <RecLine
          key={envKey(g.env)}
          decision={g.decision}
          label={groups.length > 1 ? groupLabel(g.env) : null}
        />
      ))}
      {groups[0] && (
        <Details
          decision={groups[0].decision}
          label={groups.length > 1 ? groupLabel(groups[0].env) : null}
        />
      )}
      {profile && (
        <p className="muted small">
          {HOST_PRESETS.find((p) => p.id === profile.preset)?.note[lang] ?? ''}
        </p>
      )}
    </section>
  );
}

const groupLabel = (env: CellEnvironment) =>
  [env.bus, env.prealloc, env.format].filter(Boolean).join(' · ');

function RecLine({ decision, label }: { decision: PolicyDecision; label: string | null }) {
  const { t } = useI18n();
  return (
    <div className="decision" data-testid="decision">
      <div className="rec">
        {label && <span className="muted">{label}:</span>}
        <span className="rec-mode">{decision.recommendation}</span>
        <span className="pill">
          {t('panel.confidence', { level: t(`confidence.${decision.confidence}`) })}
        </span>
      </div>
      {decision.acceptable.length > 1 && (
        <p className="muted small">
          {t('panel.acceptable', { modes: decision.acceptable.join(', ') })}
        </p>
      )}
      {decision.contested && <p className="small">⚠ {t('panel.contested')}</p>}
    </div>
  );
}

/** Reasons, risks, platforms, libvirt line and sources of one decision. */
function Details({ decision, label }: { decision: PolicyDecision; label: string | null }) {
  const { t, lang } = useI18n();
  return (
    <div className="decision-details">
      {label && <p className="muted small">{label}</p>}
      {decision.reasons.length > 0 && (
        <>
          <h4>{t('panel.reasons')}</h4>
          <ul>
            {decision.reasons.map((r) => (
              <li key={r.ruleId}>
                {reasonText(r, lang)}{' '}
                {r.citations.length > 0 && <sup className="muted">[{r.citations.join(', ')}]</sup>}
              </li>
            ))}
          </ul>
        </>
      )}
      {decision.risks.length > 0 && (
        <>
          <h4>{t('panel.risks')}</h4>
          <ul>
            {decision.risks.map((r) => (
              <li key={r.ruleId}>{reasonText(r, lang)}</li>
            ))}
          </ul>
        </>
      )}
      <h4>{t('panel.platforms')}</h4>
      <dl className="platforms">
        {PLATFORMS.map((p) => {
          const c = decision.platforms[p];
          return (
            <div key={p}>
              <dt>
                {PLATFORM_NAMES[p]} <strong>{c.mode}</strong>
              </dt>
              <dd>{c.why[lang]}</dd>
            </div>
          );
        })}
      </dl>
      <h4>{t('panel.libvirt')}</h4>
      <pre>{decision.libvirtXml}</pre>
      {decision.sources.length > 0 && (
        <>
          <h4>{t('panel.sources')}</h4>
          <ul className="sources">
            {decision.sources.map((s) => (
              <li key={s.id}>
                <span className="muted">[{s.id}]</span>{' '}
                <a href={s.url} target="_blank" rel="noreferrer noopener">
                  {s.title}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
