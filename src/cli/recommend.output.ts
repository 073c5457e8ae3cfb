/** `aio-dash recommend` output: the spec's JSON elements and the wrapped text table. */
import { PLATFORMS } from '../core/policy';
import type { CellEnvironment, HostProfile, Lang, Platform, PolicyDecision } from '../core/policy';
import { keyTables } from '../core/i18n/key-table';
import { CELL_KEYS } from './recommend.args';

const cellObject = (env: CellEnvironment): Record<string, string | boolean> => {
  const o: Record<string, string | boolean> = {};
  for (const k of CELL_KEYS) {
    const v = env[k];
    if (v !== null && v !== undefined) o[k] = v;
  }
  return o;
};

/** The spec's JSON element for one decision (fields beyond the spec are additions). */
export function toJson(env: CellEnvironment, d: PolicyDecision, lang: Lang, host: HostProfile) {
  const platforms: Record<string, string> = {};
  const platformDetails: Record<
    string,
    { mode: string; why: string; sources: string[]; valid_on_host: boolean }
  > = {};
  for (const p of PLATFORMS) {
    const c = d.platforms[p];
    platforms[p] = c.mode;
    platformDetails[p] = {
      mode: c.mode,
      why: c.why[lang],
      sources: c.citations,
      valid_on_host: c.validOnHost !== false,
    };
  }
  return {
    cell: cellObject(env),
    recommendation: d.recommendation,
    confidence: d.confidence,
    reasons: d.reasons.map((r) => r.text[lang]),
    sources: d.sources.map((s) => ({
      id: s.id,
      title: s.title,
      url: s.url,
      tag: s.tag,
      section: s.section,
    })),
    platforms,
    libvirt_xml: d.libvirtXml,
    acceptable: d.acceptable,
    risks: d.risks.map((r) => r.text[lang]),
    contested: d.contested,
    layout: d.layout ?? null,
    platform_details: platformDetails,
    evidence: d.evidence
      ? {
          used: d.evidence.used,
          skipped_flagged: d.evidence.skippedFlagged,
          skipped_empty: d.evidence.skippedEmpty,
          skipped_invalid: d.evidence.skippedInvalid,
          pairs: d.evidence.pairs.map((p) => ({
            baseline: p.baseline,
            candidate: p.candidate,
            improvement: p.improvement,
            no_difference: p.noDifference,
            regression: p.regression,
            inconclusive: p.inconclusive,
            min_pct: p.minPct === null ? null : Math.round(p.minPct * 100) / 100,
            max_pct: p.maxPct === null ? null : Math.round(p.maxPct * 100) / 100,
          })),
        }
      : null,
    host: {
      kernel: host.kernel,
      qemu: host.qemu,
      libvirt: host.libvirt,
      io_uring_disabled: host.ioUringDisabled,
      preset: host.preset,
      platform: host.platform,
    },
  };
}

/** Wraps text at `width` columns (CJK characters count as two); continuation lines get `rest`. */
function wrap(text: string, indent: string, rest = indent + '  ', width = 80): string {
  const cols = (s: string) => [...s].reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const words = text.split(/(?<=\s)|(?=[\u3400-\u9fff])/u);
  const lines: string[] = [];
  let line = indent;
  for (const w of words) {
    if (cols(line) + cols(w.trimEnd()) > width && line.trim() !== '') {
      lines.push(line.trimEnd());
      line = rest + w.trimStart();
    } else line += w;
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines.join('\n');
}

/** The text table's labels in both languages (a core/i18n key table). */
const LABELS_EN = {
  rec: 'recommendation',
  acc: 'acceptable',
  why: 'why',
  risks: 'risks',
  platforms: 'platforms',
  libvirt: 'libvirt',
  sources: 'sources',
  contested: 'sources disagree',
  notOnHost: 'not runnable on this host',
};

const LABELS = keyTables<keyof typeof LABELS_EN>(LABELS_EN, {
  rec: '推荐',
  acc: '可接受',
  why: '理由',
  risks: '风险',
  platforms: '各平台',
  libvirt: 'libvirt',
  sources: '出处',
  contested: '各方说法不一',
  notOnHost: '此主机无法运行',
});

const PLATFORM_NAMES: Record<Platform, string> = {
  nova: 'nova',
  ovirt: 'oVirt',
  kubevirt: 'KubeVirt',
  proxmox: 'Proxmox',
  cloudstack: 'CloudStack',
};

/** The human-readable answer: one block per disk, wrapped at 80 columns. */
export function toTable(
  items: Array<{ env: CellEnvironment; d: PolicyDecision }>,
  lang: Lang,
): string {
  const L = LABELS[lang];
  const out: string[] = [];
  for (const { env, d } of items) {
    const title = Object.entries(cellObject(env))
      .map(([k, v]) => (k === 'storage' || k === 'medium' ? String(v) : `${k}=${String(v)}`))
      .join(' · ');
    out.push(title || '(empty cell)');
    out.push(
      `  ${L.rec}: ${d.recommendation} (${d.confidence})${d.contested ? ` — ${L.contested}` : ''}   ${L.acc}: ${d.acceptable.join(', ')}`,
    );
    out.push(`  ${L.why}:`);
    for (const r of d.reasons) out.push(wrap(`- ${r.text[lang]}`, '    '));
    if (d.risks.length > 0) out.push(`  ${L.risks}:`);
    for (const r of d.risks) out.push(wrap(`! ${r.text[lang]}`, '    '));
    const plat = PLATFORMS.map(
      (p) =>
        `${PLATFORM_NAMES[p]} ${d.platforms[p].mode}${d.platforms[p].validOnHost === false ? '*' : ''}`,
    ).join(' · ');
    out.push(wrap(`${L.platforms}: ${plat}`, '  ', '    '));
    if (PLATFORMS.some((p) => d.platforms[p].validOnHost === false))
      out.push(`    * ${L.notOnHost}`);
    out.push(`  ${L.libvirt}: ${d.libvirtXml}`);
    out.push(`  ${L.sources}:`);
    for (const s of d.sources) {
      out.push(wrap(`[${s.tag}] ${s.title}`, '    ', '      '));
      out.push(`      ${s.url}`);
    }
    out.push('');
  }
  return out.join('\n');
}
