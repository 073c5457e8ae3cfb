import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import compatOmit from 'es-toolkit/compat/omit';
import compatUniqBy from 'es-toolkit/compat/uniqBy';
import { omit } from 'es-toolkit/object/omit';
import { uniqBy } from 'es-toolkit/array/uniqBy';
import {
  HELPERS,
  PLAIN_ES_TOOLKIT,
  canonicalHelpers,
  d3ScaleName,
  helpersModule,
  pickScales,
  plainEsToolkit,
  shareHelpers,
} from './vite-recharts-slim';

const es6 = join(dirname(createRequire(import.meta.url).resolve('recharts/package.json')), 'es6');
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : [],
  );
const sources = files(es6).map((f) => readFileSync(f, 'utf8'));
const canonical = canonicalHelpers(sources);

/** The shared helpers module, written out and imported as the ES module the build loads. */
async function loadHelpers(): Promise<Record<string, (...args: unknown[]) => unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'helpers-'));
  try {
    const file = join(dir, 'helpers.mjs');
    writeFileSync(file, helpersModule(canonical));
    return (await import(pathToFileURL(file).href)) as Record<
      string,
      (...args: unknown[]) => unknown
    >;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('shared Babel helpers', () => {
  it('picks the most frequent text of each helper and ignores other lines', () => {
    const a = 'function _extends() { return 1; }';
    const b = 'function _extends() { return 2; }';
    const c = canonicalHelpers([`${a}\nconst x = 1;`, `${b}\n  function _inner() { }`, a]);
    expect([...c]).toEqual([['_extends', a]]);
  });

  it('empties only canonical helper lines, keeps every other line in place, imports the helpers', () => {
    const canon = new Map([['_extends', 'function _extends() { return 1; }']]);
    const code = [
      'import x from "y";',
      'function _extends() { return 1; }',
      'function _extends2() { return 2; }',
      'export default x;',
    ].join('\n');
    const out = shareHelpers(code, canon)!.split('\n');
    expect(out.slice(0, 4)).toEqual([
      'import x from "y";',
      '',
      'function _extends2() { return 2; }',
      'export default x;',
    ]);
    expect(out[4]).toBe(`import { _extends } from '${HELPERS}';`);
    expect(shareHelpers('function _extends() { return 3; }', canon)).toBeNull();
    expect(shareHelpers('const a = 1;', canon)).toBeNull();
  });

  it('covers the helpers of every Recharts module that has them (one shared copy each)', () => {
    expect([...canonical.keys()]).toEqual(
      expect.arrayContaining([
        '_defineProperty',
        '_objectSpread',
        'ownKeys',
        '_extends',
        '_slicedToArray',
      ]),
    );
    let replaced = 0;
    for (const code of sources) {
      const out = shareHelpers(code, canonical);
      if (out === null) continue;
      // Line count grows by exactly the appended import; no helper definition is left behind.
      expect(out.split('\n').length).toBe(code.split('\n').length + 1);
      expect(out).not.toMatch(/^function (_[A-Za-z]+|ownKeys)\(.*\}$/m);
      replaced++;
    }
    expect(replaced).toBeGreaterThan(80);
  });

  it('the shared helpers module loads and its helpers behave as Babel documents them', async () => {
    const h = await loadHelpers();
    const sym = Symbol('s');
    expect(h._objectSpread!({ a: 1 }, { b: 2 }, null, { [sym]: 3 })).toEqual({
      a: 1,
      b: 2,
      [sym]: 3,
    });
    expect(h._defineProperty!({}, 'k', 5)).toEqual({ k: 5 });
    expect(h._extends!({ a: 1 }, { b: 2 })).toEqual({ a: 1, b: 2 });
    expect(h._objectWithoutProperties!({ a: 1, b: 2, c: 3 }, ['a', 'c'])).toEqual({ b: 2 });
    const arr = [1, 2, 3];
    expect(h._slicedToArray!(arr, 2)).toBe(arr); // arrays are destructured in place
    expect(h._slicedToArray!(new Set(['x', 'y', 'z']), 2)).toEqual(['x', 'y']);
    expect(() => h._slicedToArray!(null, 2)).toThrow(TypeError);
  });
});

describe('d3 scales', () => {
  const modules = [
    'state/selectors/combiners/combineConfiguredScale.js',
    'state/selectors/combiners/combineRealScaleType.js',
  ];

  it('narrows the namespace import of both Recharts selectors to the auto scales and the given ones', () => {
    for (const m of modules) {
      const out = pickScales(readFileSync(join(es6, m), 'utf8'), ['log', 'linear']);
      expect(out, m).not.toBeNull();
      expect(out).not.toContain('import * as d3Scales');
      expect(out).toContain(
        "import { scaleBand, scaleLinear, scaleLog, scalePoint } from 'victory-vendor/d3-scale'; var d3Scales = Object.assign(Object.create(null), { scaleBand, scaleLinear, scaleLog, scalePoint });",
      );
    }
    // No other Recharts module looks scales up by name (else it would need the same treatment).
    const byName = files(es6).filter((f) => readFileSync(f, 'utf8').includes('* as d3Scales'));
    expect(byName.map((f) => f.slice(es6.length + 1)).sort()).toEqual(modules);
    expect(pickScales("import { scalePoint } from 'victory-vendor/d3-scale';", ['log'])).toBeNull();
  });

  it('maps Recharts scale names to d3 export names', () => {
    expect(d3ScaleName('log')).toBe('scaleLog');
    expect(d3ScaleName('sqrt')).toBe('scaleSqrt');
  });
});

describe('plain es-toolkit uniqBy and omit', () => {
  const code = (rel: string) => readFileSync(join(es6, rel), 'utf8');
  const importers = (spec: string) =>
    files(es6)
      .filter((f) => readFileSync(f, 'utf8').includes(spec))
      .map((f) => f.slice(es6.length + 1))
      .sort();

  it('swaps exactly the two compat imports', () => {
    expect(plainEsToolkit(PLAIN_ES_TOOLKIT.map(([compat]) => compat).join('\n'))).toBe(
      PLAIN_ES_TOOLKIT.map(([, plain]) => plain).join('\n'),
    );
    expect(plainEsToolkit("import get from 'es-toolkit/compat/get';")).toBeNull();
  });

  it('Recharts calls uniqBy only with a function', () => {
    expect(importers("'es-toolkit/compat/uniqBy'")).toEqual(['util/payload/getUniqPayload.js']);
    const calls = [...code('util/payload/getUniqPayload.js').matchAll(/uniqBy\(([^)]*)\)/g)].map(
      (m) => m[1],
    );
    expect(calls).toEqual(['payload, defaultUniqBy', 'payload, option']);
    expect(code('util/payload/getUniqPayload.js')).toContain(
      "if (typeof option === 'function') {\n    return uniqBy(payload, option);",
    );
    // Every caller passes its own function as defaultUniqBy.
    const callers = importers('getUniqPayload(').filter((f) => !f.endsWith('getUniqPayload.js'));
    expect(callers.length).toBeGreaterThan(0);
    for (const f of callers) {
      expect(code(f), f).toMatch(/getUniqPayload\([^;]*, defaultUniqBy\)/);
      expect(code(f), f).toContain('function defaultUniqBy(entry) {');
    }
  });

  it('Recharts calls omit only with an array literal of top-level keys', () => {
    for (const f of importers("'es-toolkit/compat/omit'")) {
      const calls = [...code(f).matchAll(/\bomit\(([^()]*)\)/g)].map((m) => m[1]!);
      expect(calls.length, f).toBeGreaterThan(0);
      for (const args of calls) expect(args, f).toMatch(/^\w+, \[('\w+'(, )?)+\]$/);
    }
  });

  it('both versions agree on such calls', () => {
    const payload = [
      { dataKey: 'baseline', value: 1 },
      { dataKey: 'candidate', value: 2 },
      { dataKey: 'baseline', value: 3 },
    ];
    const key = (e: { dataKey: string }) => e.dataKey;
    expect(uniqBy(payload, key)).toEqual(compatUniqBy(payload, key));
    const sym = Symbol('s');
    const entry = { id: 7, label: 'x', value: 3, nested: { id: 1 }, [sym]: true };
    expect(omit(entry, ['id'])).toEqual(compatOmit(entry, ['id']));
    // As Recharts calls them: keys that may be absent, and entries that may be arrays.
    const loose = entry as Record<string, unknown>;
    expect(omit(loose, ['children', 'id'])).toEqual(compatOmit(loose, ['children', 'id']));
    const row = [4, 5] as unknown as Record<string, unknown>;
    expect(omit(row, ['id'])).toEqual(compatOmit(row, ['id']));
  });
});
