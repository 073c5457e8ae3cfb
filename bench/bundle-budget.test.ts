import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  DEFAULT_LAZY_CAP_KB,
  LAZY_CHUNK_CAPS,
  attribute,
  chunkName,
  decodeMappings,
  initialScripts,
  measure,
  sourceGroup,
  staticImports,
} from '../scripts/bundle-budget';

describe('bundle budget', () => {
  it('finds the entry module and modulepreload links, not other scripts or links', () => {
    const html = `<script type="module" crossorigin src="/assets/index-A.js"></script>
      <link rel="modulepreload" crossorigin href="/assets/vendor-B.js">
      <link rel=stylesheet href="/assets/index.css"><script src="/legacy.js"></script>`;
    expect(initialScripts(html)).toEqual(['/assets/index-A.js', '/assets/vendor-B.js']);
  });

  it('follows static imports but not dynamic import()', () => {
    const code = `import{a as b}from"./react-C.js";import"./side-D.js";export*from"./re-E.js";const x=()=>import("./charts-F.js");`;
    expect(staticImports(code).sort()).toEqual(['./re-E.js', './react-C.js', './side-D.js']);
  });

  it('counts initial chunks transitively; caps each lazy chunk, by name or by default', () => {
    const dist = mkdtempSync(join(tmpdir(), 'budget-'));
    try {
      mkdirSync(join(dist, 'assets'));
      writeFileSync(
        join(dist, 'index.html'),
        '<script type="module" src="/assets/index.js"></script>',
      );
      writeFileSync(
        join(dist, 'assets', 'index.js'),
        'import"./dep.js";const l=()=>import("./Charts-AbC_12-x.js");',
      );
      // Incompressible payloads so the gzip sizes are predictable (≈ raw size).
      writeFileSync(join(dist, 'assets', 'dep.js'), randomBytes(40_000).toString('base64'));
      const chartsKb = LAZY_CHUNK_CAPS.Charts!;
      // A Charts chunk just under its named cap (base64 of n random bytes gzips to ≈ n bytes).
      const under = Math.floor(chartsKb * 1000 * 0.97);
      writeFileSync(
        join(dist, 'assets', 'Charts-AbC_12-x.js'),
        randomBytes(under).toString('base64'),
      );
      const r = measure(dist);
      const byFile = Object.fromEntries(r.chunks.map((c) => [c.file, c.initial]));
      expect(byFile).toEqual({
        'assets/index.js': true,
        'assets/dep.js': true,
        'assets/Charts-AbC_12-x.js': false,
      });
      expect(r.initialGzip).toBeGreaterThan(40_000);
      expect(r.initialGzip).toBeLessThan(60_000);
      expect(r.initialOk).toBe(true);
      const charts = r.chunks.find((c) => c.file.includes('Charts'))!;
      expect(charts.capKb).toBe(chartsKb);
      expect(r.lazyOk).toBe(true);
      // The same size without a cap of its own is over the default cap.
      writeFileSync(
        join(dist, 'assets', 'new-lazy-Zz9Zz9Zz.js'),
        randomBytes(under).toString('base64'),
      );
      const r2 = measure(dist);
      expect(r2.chunks.find((c) => c.file.includes('new-lazy'))!.capKb).toBe(DEFAULT_LAZY_CAP_KB);
      expect(r2.lazyOk).toBe(false);
      expect(r2.initialOk).toBe(true);
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });

  it('names a chunk without its hash', () => {
    expect(chunkName('assets/Charts-Btj6NR8E.js')).toBe('Charts');
    expect(chunkName('assets/policy-_HYE_xsq.js')).toBe('policy');
    expect(chunkName('assets/ingest.worker-C4el4Gha.js')).toBe('ingest.worker');
    expect(chunkName('assets/messages.zh-DhkRiG6Z.js')).toBe('messages.zh');
    expect(chunkName('plain.js')).toBe('plain');
  });

  it('decodes source-map segments (VLQ, relative columns and sources, reset per line)', () => {
    // 'G' = +3, 'C' = +1, 'D' = −1, 'E' = +2; one-field segments map to no source.
    expect(decodeMappings('AAAA,GCAA;AAAA,E;;ADAA')).toEqual([
      [
        [0, 0],
        [3, 1],
      ],
      [
        [0, 1],
        [2, -1],
      ],
      [],
      [[0, 0]],
    ]);
    // Multi-digit VLQ: 'gB' = 16, 'hB' = −16.
    expect(decodeMappings('gBAAA,hBAAA')).toEqual([
      [
        [16, 0],
        [0, 0],
      ],
    ]);
  });

  it('splits a chunk by package and source folder', () => {
    const map = {
      sources: ['../../node_modules/@scope/pkg/dist/a.js', '../../src/features/charts/Charts.tsx'],
      mappings: 'AAAA,GCAA;AAAA,E',
    };
    expect(Object.fromEntries(attribute('abcdef\nxyz', map))).toEqual({
      '@scope/pkg': 'abc',
      'src/features/charts': 'defxy',
      '(unmapped)': 'z',
    });
    expect(
      sourceGroup('../../node_modules/.pnpm/x/node_modules/recharts/es6/cartesian/Bar.js'),
    ).toBe('recharts');
    expect(sourceGroup('../../../../work/main/src/core/compare/pair.ts')).toBe('src/core/compare');
  });
});
