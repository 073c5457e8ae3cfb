import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { compare } from '../../core/compare';
import { ingestText } from '../../core/ingest/ingest';
import { hostPreset } from '../../core/policy';
import { CITATIONS } from '../../core/policy/citations';
import { buildReport } from './report-model';
import { REPORT_TEXTS } from './report.messages';
import { tableMismatches } from '../../core/i18n';
import { ReportPage } from './ReportPage';
import { reportText } from './report-text';
import { loadMessages } from '../../shared/i18n/i18n';

// The report's texts come from the shared key tables; Chinese is a chunk loaded on demand.
beforeAll(() => loadMessages('zh'));

const ingested = ingestText(
  readFileSync(join(__dirname, '..', '..', '..', 'data', 'zstack-2023q1.csv'), 'utf8'),
  { fileName: 'zstack-2023q1.csv' },
);
if (!ingested.ok) throw new Error(ingested.reason);
const records = ingested.value.records;
const cells = compare(records).cells;
const CENTOS7 = hostPreset('centos7')!.profile;
const DEBIAN12 = hostPreset('debian12')!.profile;

describe('report model on the seed', () => {
  const model = buildReport(records, cells, CENTOS7);

  it('grid: storage × medium rows, preallocation columns in a fixed order', () => {
    expect(model.preallocs).toEqual(['off', 'falloc', 'n/a']);
    expect(model.grid.map((g) => `${g.storage}/${g.medium}`)).toEqual([
      'LocalStorage/HDD',
      'LocalStorage/NVMe',
      'LocalStorage/SSD',
      'SharedBlock/FC-SAN',
      'SharedBlock/HDD',
      'SharedBlock/IP-SAN',
      'SharedBlock/NVMe',
      'SharedBlock/SSD-iSCSI',
    ]);
    expect(model.grid[2]!.cells.off!.decision.recommendation).toBe('threads');
    expect(model.grid[2]!.cells.falloc!.decision.recommendation).toBe('native');
    expect(model.grid[2]!.cells['n/a']).toBeUndefined();
  });

  it('key evidence draws only usable comparisons, with the seed’s deltas', () => {
    const ssdOff = model.evidence.find(
      (g) => g.row.storage === 'LocalStorage' && g.row.medium === 'SSD' && g.row.prealloc === 'off',
    )!;
    expect(ssdOff.bars.length + ssdOff.notDrawn).toBe(ssdOff.row.comparisons.length);
    const w = ssdOff.bars.find(
      (b) => reportText('en').barLabel(b) === 'randwrite · first write · virtio-blk',
    )!;
    expect(w.pct).toBeCloseTo(15.56, 1);
    expect(w.firstWrite).toBe(true);
    expect(ssdOff.notDrawn).toBe(2); // the two sparse-read flagged reads
  });

  it('caveats count flags, gaps and single runs', () => {
    const c = model.caveats;
    expect(c.records).toBe(records.length);
    expect(c.flagged.incomplete).toBe(records.filter((r) => r.flags.includes('incomplete')).length);
    expect(c.flagged['sparse-read']).toBeGreaterThan(0);
    expect(c.gaps.map((r) => r.medium)).toEqual(['HDD', 'IP-SAN', 'NVMe']);
    expect(c.singleRunOnly.length).toBeGreaterThan(0);
    expect(
      c.usedComparisons + c.skippedFlagged + c.skippedEmpty + c.skippedInvalid,
    ).toBeLessThanOrEqual(c.comparisons);
  });

  it('open questions carry the seed’s own data', () => {
    const en = reportText('en');
    const [sb, meta, uring] = model.openQuestions;
    expect(en.msg(sb!.data)).toContain('−42.0%');
    expect(en.msg(sb!.data)).toContain('−25.1%');
    expect(en.msg(meta!.data)).toContain('Not measured');
    expect(en.msg(uring!.data)).toContain('No io_uring run is loaded.');
    expect(en.msg(uring!.data)).toContain('2 of 6 policy line(s) would change');
    // On a host that already has io_uring nothing changes.
    expect(en.msg(buildReport(records, cells, DEBIAN12).openQuestions[2]!.data)).toContain(
      '0 of 6',
    );
  });

  it('cites only registry sources; every fired rule is listed', () => {
    const ids = new Set(CITATIONS.map((c) => c.id));
    for (const s of model.sources) expect(ids.has(s.id)).toBe(true);
    for (const q of model.openQuestions)
      for (const k of q.known) for (const id of k.citations) expect(ids.has(id)).toBe(true);
    const fired = new Set(model.matrix.flatMap((r) => r.decision.rules ?? []));
    expect(new Set(model.rules.map((r) => r.id))).toEqual(fired);
  });
});

describe('ReportPage', () => {
  it('renders the question, host, matrix, platforms, open questions and sources (en)', () => {
    const html = renderToStaticMarkup(
      <ReportPage
        records={records}
        comparisons={cells}
        host={CENTOS7}
        lang="en"
        permalink="http://x/report?host=centos7"
      />,
    );
    expect(html).toContain('Which aio mode, and should it be the default?');
    expect(html).toContain('CentOS 7 / 3.10');
    expect(html).toContain('QEMU 2.12 and libvirt 4.5 are the distribution');
    expect(html).toContain('data-testid="report-matrix"');
    expect(html).toContain(
      'threads for LocalStorage with preallocation off (default) until the kernel has io_uring (then io_uring)',
    );
    expect(html).toContain('OpenStack nova');
    expect(html).toContain('Is native safe on SharedBlock');
    expect(html).toContain(
      'https://specs.openstack.org/openstack/nova-specs/specs/mitaka/implemented/libvirt-aio-mode.html',
    );
    expect(html).toContain('http://x/report?host=centos7');
    expect(html).toContain('<svg');
    expect(html).not.toContain('{cache}');
  });

  it('renders in Chinese, and the chart slot replaces the built-in bars', () => {
    const html = renderToStaticMarkup(
      <ReportPage
        records={records}
        comparisons={cells}
        host={CENTOS7}
        lang="zh"
        renderChart={(g) => <i className="custom">{g.bars.length}</i>}
      />,
    );
    expect(html).toContain('用哪种 aio 模式？是否应设为默认？');
    expect(html).toContain('LocalStorage（预分配 none，默认）使用 threads');
    expect(html).toContain('class="custom"');
    expect(html).not.toContain('class="evidence-bars"');
  });

  it('renders without data', () => {
    const html = renderToStaticMarkup(
      <ReportPage records={[]} comparisons={[]} host={DEBIAN12} lang="en" />,
    );
    expect(html).toContain('No data loaded');
    expect(html).toContain('io_uring for LocalStorage with preallocation off (default)');
  });
});

describe("the report's key table", () => {
  it('has every key in both languages with the same placeholders', () => {
    expect(tableMismatches(REPORT_TEXTS)).toEqual([]);
  });
});
