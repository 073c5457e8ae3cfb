import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import * as d3 from 'd3-scale';
import * as d3Interpolate from 'd3-interpolate';
import {
  KEPT_CURVES,
  KEPT_SYMBOLS,
  LINES,
  NO_FORMAT,
  NO_FORMAT_MODULE,
  NUMBER_INTERPOLATE,
  NUMBER_INTERPOLATE_MODULE,
  UNBUNDLED_SHAPES,
  UNBUNDLED_SHAPES_MODULE,
  replaceLines,
} from './vite-recharts-deps-slim';

const root = join(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
// What the build bundles (the transform's filter matches this path).
const d3ScaleFile = require.resolve('d3-scale');
const original = readFileSync(d3ScaleFile, 'utf8');
const rechartsEs6 = join(dirname(require.resolve('recharts/package.json')), 'es6');
const curveJs = readFileSync(join(rechartsEs6, 'shape', 'Curve.js'), 'utf8');
const symbolsJs = readFileSync(join(rechartsEs6, 'shape', 'Symbols.js'), 'utf8');

type Scales = typeof d3;
type Interp = { interpolate: (a: unknown, b: unknown) => (t: number) => unknown } & Pick<
  typeof d3Interpolate,
  'interpolateNumber' | 'interpolateRound' | 'piecewise'
>;

// The transformed d3-scale and the two virtual modules, written out as the ES modules the build
// loads (bare imports resolve through a node_modules link to the project's).
let dir = '';
let slim: Scales;
let numeric: Interp;
let noFormat: Record<string, () => never>;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'recharts-deps-slim-'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'number-interpolate.mjs'), NUMBER_INTERPOLATE_MODULE);
  writeFileSync(join(dir, 'no-format.mjs'), NO_FORMAT_MODULE);
  writeFileSync(join(dir, 'shapes.mjs'), UNBUNDLED_SHAPES_MODULE);
  expect(UNBUNDLED_SHAPES).toMatch(/^virtual:/);
  const code = replaceLines(original)!
    .replace(`'${NUMBER_INTERPOLATE}'`, "'./number-interpolate.mjs'")
    .replace(`'${NO_FORMAT}'`, "'./no-format.mjs'");
  writeFileSync(join(dir, 'd3-scale.mjs'), code);
  const url = (f: string) => pathToFileURL(join(dir, f)).href;
  slim = (await import(/* @vite-ignore */ url('d3-scale.mjs'))) as Scales;
  numeric = (await import(/* @vite-ignore */ url('number-interpolate.mjs'))) as Interp;
  noFormat = (await import(/* @vite-ignore */ url('no-format.mjs'))) as Record<string, () => never>;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a call gives, or the error it throws: the two builds must agree on both. */
const outcome = (f: () => unknown) => {
  try {
    return { value: f() };
  } catch (e) {
    return { error: String(e) };
  }
};

const files = (d: string): string[] =>
  readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? files(join(d, e.name))
      : /\.(m?js|tsx?)$/.test(e.name)
        ? [join(d, e.name)]
        : [],
  );

describe('Recharts dependencies slim transform', () => {
  it('finds each line it replaces, once, in the installed d3-scale and Recharts, and keeps every other line in place', () => {
    expect(d3ScaleFile).toMatch(/[\\/]node_modules[\\/]d3-scale[\\/]dist[\\/]d3-scale\.mjs$/);
    const installed = [original, curveJs, symbolsJs];
    for (const [from] of LINES)
      expect(
        installed.map((code) => code.split(from).length - 1),
        from,
      ).toContain(1);
    for (const code of installed) {
      const out = replaceLines(code)!;
      expect(out.split('\n').length).toBe(code.split('\n').length);
      expect(out.split('\n').filter((l, i) => l !== code.split('\n')[i])).toHaveLength(
        code === original ? 2 : 1,
      );
    }
    expect(replaceLines(original)).not.toMatch(/from 'd3-(interpolate|format)'/);
    expect(replaceLines('export const a = 1;')).toBeNull();
  });

  it('the numbers-only interpolation is d3-interpolate’s for numbers, null and booleans, and refuses the rest', () => {
    fc.assert(
      fc.property(
        fc.double(),
        fc.double(),
        fc.double({ min: -1, max: 2, noNaN: true }),
        (a, b, t) => {
          expect(numeric.interpolate(a, b)(t)).toBe(d3Interpolate.interpolate(a, b)(t));
          expect(numeric.interpolateNumber(a, b)(t)).toBe(d3Interpolate.interpolateNumber(a, b)(t));
          expect(numeric.interpolateRound(a, b)(t)).toBe(d3Interpolate.interpolateRound(a, b)(t));
          expect(numeric.piecewise(numeric.interpolateNumber, [a, b, a])(t)).toBe(
            d3Interpolate.piecewise(d3Interpolate.interpolateNumber, [a, b, a])(t),
          );
        },
      ),
    );
    for (const b of [null, undefined, true, false])
      expect(numeric.interpolate(1, b)(0.5)).toBe(
        (d3Interpolate.interpolate as (a: unknown, b: unknown) => (t: number) => unknown)(
          1,
          b,
        )(0.5),
      );
    expect(() => numeric.interpolate('red', 'blue')).toThrow(/numbers only/);
    expect(() => numeric.interpolate(0, new Date(0))).toThrow(/numbers only/);
  });

  it('the scales Recharts uses map, invert, tick and round exactly as the original d3-scale', () => {
    const num = fc.double({ min: -1e9, max: 1e9, noNaN: true });
    const pos = fc.double({ min: 1e-6, max: 1e9, noNaN: true });
    fc.assert(
      fc.property(
        fc.tuple(num, num),
        fc.tuple(num, num),
        num,
        fc.integer({ min: 1, max: 20 }),
        (domain, range, x, count) => {
          const a = d3.scaleLinear().domain(domain).range(range);
          const b = slim.scaleLinear().domain(domain).range(range);
          expect(b(x)).toBe(a(x));
          expect(b.invert(x)).toBe(a.invert(x));
          expect(outcome(() => b.ticks(count))).toEqual(outcome(() => a.ticks(count)));
          expect(outcome(() => b.copy().nice(count).domain())).toEqual(
            outcome(() => a.copy().nice(count).domain()),
          );
          expect(b.copy().clamp(true)(x)).toBe(a.copy().clamp(true)(x));
          expect(b.copy().rangeRound(range)(x)).toBe(a.copy().rangeRound(range)(x));
        },
      ),
    );
    fc.assert(
      fc.property(fc.tuple(pos, pos), fc.tuple(num, num), pos, (domain, range, x) => {
        const a = d3.scaleLog().domain(domain).range(range);
        const b = slim.scaleLog().domain(domain).range(range);
        expect(b(x)).toBe(a(x));
        expect(b.invert(a(x))).toBe(a.invert(a(x)));
        expect(outcome(() => b.ticks())).toEqual(outcome(() => a.ticks()));
      }),
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string(), { minLength: 1, maxLength: 12 }),
        fc.tuple(num, num),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (domain, range, pad) => {
          const a = d3.scaleBand().domain(domain).range(range).padding(pad);
          const b = slim.scaleBand().domain(domain).range(range).padding(pad);
          expect(domain.map(b)).toEqual(domain.map(a));
          expect(b.bandwidth()).toBe(a.bandwidth());
          const p = d3.scalePoint().domain(domain).range(range);
          const q = slim.scalePoint().domain(domain).range(range);
          expect(domain.map(q)).toEqual(domain.map(p));
        },
      ),
    );
    // Several domain points (polymap) and a numeric ZAxis-like constant range.
    const a = d3.scaleLinear().domain([0, 10, 100]).range([0, 50, 60]);
    const b = slim.scaleLinear().domain([0, 10, 100]).range([0, 50, 60]);
    for (const x of [-5, 0, 5, 10, 55, 100, 150]) expect(b(x)).toBe(a(x));
    expect(slim.scaleLinear().domain([1, 9]).range([36, 36])(4)).toBe(36);
  });

  it('d3-format is unreachable: neither Recharts nor the app calls scale.tickFormat()', () => {
    const callers = [...files(rechartsEs6), ...files(join(root, 'src'))].filter((f) =>
      /\.tickFormat\s*\(/.test(readFileSync(f, 'utf8')),
    );
    expect(callers).toEqual([]);
    expect(() => slim.scaleLinear().tickFormat()).toThrow(/not bundled/);
    for (const f of Object.values(noFormat)) expect(f).toThrow(/not bundled/);
  });

  it('keeps the curves and symbols the charts draw; the others stay named but refuse to draw', async () => {
    const curve = replaceLines(curveJs)!;
    const symbols = replaceLines(symbolsJs)!;
    // What is still imported from d3-shape: the kept ones only.
    const d3Names = (code: string, prefix: string) =>
      [...code.matchAll(/import \{([^}]*)\} from 'victory-vendor\/d3-shape'/g)]
        .flatMap((m) => m[1]!.split(',').map((n) => n.trim()))
        .filter((n) => new RegExp(`^${prefix}[A-Z]\\w*$`).test(n));
    expect(d3Names(curveJs, 'curve')).toHaveLength(13);
    expect(d3Names(curve, 'curve')).toEqual([...KEPT_CURVES]);
    expect(d3Names(symbols, 'symbol')).toEqual([...KEPT_SYMBOLS]);
    // Every name of the lookups is still bound (to a kept factory or a stub).
    for (const m of curveJs
      .match(/var CURVE_FACTORIES = \{([^}]*)\}/)![1]!
      .split(',')
      .map((n) => n.trim()))
      expect(curve, m).toMatch(new RegExp(`(\\b${m}\\b[,}]|as ${m}\\b)`));
    const shapes = (await import(
      /* @vite-ignore */ pathToFileURL(join(dir, 'shapes.mjs')).href
    )) as { unbundledCurve: () => never; unbundledSymbol: { draw: () => never } };
    expect(() => shapes.unbundledCurve()).toThrow(/not bundled/);
    expect(() => shapes.unbundledSymbol.draw()).toThrow(/not bundled/);
  });

  it('the charts use only the kept symbols and no curve type of their own', () => {
    const charts = join(root, 'src', 'features', 'charts');
    const shapes = new Set<string>();
    for (const f of files(charts).filter((n) => n.endsWith('.tsx'))) {
      const code = readFileSync(f, 'utf8');
      // A shape is a literal name or a function drawing its own mark (a computed name cannot be
      // checked here); no curve type is chosen (Scatter's lineJointType, Line, Area, Curve).
      for (const m of code.matchAll(/\bshape=(.{0,20})/g))
        expect(m[1], f).toMatch(/^("[a-z]+"|\{\(\) =>)/);
      expect(code, f).not.toMatch(/\blineJointType=|<(Line|Area|Curve|Radar)\b/);
      for (const m of code.matchAll(/\bshape="([^"]+)"/g)) shapes.add(m[1]!);
    }
    expect([...shapes].sort()).toEqual(['circle', 'cross', 'diamond']);
    for (const s of shapes)
      expect(KEPT_SYMBOLS as readonly string[]).toContain(
        `symbol${s[0]!.toUpperCase()}${s.slice(1)}`,
      );
  });

  it('the shim’s selector hook is the plain one once React has useSyncExternalStore', async () => {
    const cjs = join(root, 'node_modules', 'use-sync-external-store', 'cjs');
    const shim = readFileSync(
      join(cjs, 'use-sync-external-store-shim', 'with-selector.production.js'),
      'utf8',
    );
    const plain = readFileSync(
      join(cjs, 'use-sync-external-store-with-selector.production.js'),
      'utf8',
    );
    const strip = (code: string) => code.replace(/^ \* use-sync-external-store.*$/m, '');
    expect(
      strip(shim)
        .replace(',\n  shim = require("use-sync-external-store/shim")', '')
        .replace('shim.useSyncExternalStore', 'React.useSyncExternalStore'),
    ).toBe(strip(plain));
    const react = await import('react');
    const shimModule = (await import('use-sync-external-store/shim')) as {
      useSyncExternalStore: unknown;
    };
    expect(shimModule.useSyncExternalStore).toBe(react.useSyncExternalStore);
  });
});
