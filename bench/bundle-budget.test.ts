import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  attribute,
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

  it('counts initial chunks transitively and lazy chunks only in the total', () => {
    const dist = mkdtempSync(join(tmpdir(), 'budget-'));
    try {
      mkdirSync(join(dist, 'assets'));
      writeFileSync(
        join(dist, 'index.html'),
        '<script type="module" src="/assets/index.js"></script>',
      );
      writeFileSync(
        join(dist, 'assets', 'index.js'),
        'import"./dep.js";const l=()=>import("./lazy.js");',
      );
      // Incompressible payloads so the gzip sizes are predictable (≈ raw size).
      writeFileSync(join(dist, 'assets', 'dep.js'), randomBytes(40_000).toString('base64'));
      writeFileSync(join(dist, 'assets', 'lazy.js'), randomBytes(200_000).toString('base64'));
      const r = measure(dist);
      const byFile = Object.fromEntries(r.chunks.map((c) => [c.file, c.initial]));
      expect(byFile).toEqual({
        'assets/index.js': true,
        'assets/dep.js': true,
        'assets/lazy.js': false,
      });
      expect(r.initialGzip).toBeGreaterThan(40_000);
      expect(r.initialGzip).toBeLessThan(60_000);
      expect(r.initialOk).toBe(true);
      // 200 kB of random bytes as base64 = 266 kB, gzip keeps ~200 kB: total ≈ 245 kB.
      expect(r.totalGzip).toBeGreaterThan(240_000);
      expect(r.totalGzip).toBeLessThan(300_000);
      expect(r.totalOk).toBe(true);
      // One more lazy chunk of the same size pushes the total over the 300 kB budget.
      writeFileSync(join(dist, 'assets', 'lazy2.js'), randomBytes(200_000).toString('base64'));
      expect(measure(dist).totalOk).toBe(false);
      expect(measure(dist).initialOk).toBe(true);
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
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
