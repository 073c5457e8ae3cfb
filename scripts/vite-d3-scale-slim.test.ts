import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import * as d3 from 'd3-scale';
import * as d3Interpolate from 'd3-interpolate';
import { D3_SCALE_IMPORTS, NO_FORMAT, NO_FORMAT_MODULE, NUMBER_INTERPOLATE, NUMBER_INTERPOLATE_MODULE, slimD3Scale } from './vite-d3-scale-slim';

const root = join(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
// What the build bundles (the transform's filter matches this path).
const d3ScaleFile = require.resolve('d3-scale');
const original = readFileSync(d3ScaleFile, 'utf8');

type Scales = typeof d3;
type Interp = { interpolate: (a: unknown, b: unknown) => (t: number) => unknown } & Pick<typeof d3Interpolate, 'interpolateNumber' | 'interpolateRound' | 'piecewise'>;

// The transformed d3-scale and the two virtual modules, written out as the ES modules the build
// loads (bare imports resolve through a node_modules link to the project's).
let dir = '';
let slim: Scales;
let numeric: Interp;
let noFormat: Record<string, () => never>;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'd3-scale-slim-'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'number-interpolate.mjs'), NUMBER_INTERPOLATE_MODULE);
  writeFileSync(join(dir, 'no-format.mjs'), NO_FORMAT_MODULE);
  const code = slimD3Scale(original)!.replace(`'${NUMBER_INTERPOLATE}'`, "'./number-interpolate.mjs'").replace(`'${NO_FORMAT}'`, "'./no-format.mjs'");
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
  readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(d, e.name)) : /\.(m?js|tsx?)$/.test(e.name) ? [join(d, e.name)] : []));

describe('d3-scale slim transform', () => {
  it('finds each import it replaces in the installed d3-scale, once, and keeps every line in place', () => {
    expect(d3ScaleFile).toMatch(/[\\/]node_modules[\\/]d3-scale[\\/]dist[\\/]d3-scale\.mjs$/);
    for (const [from] of D3_SCALE_IMPORTS) expect(original.split(from).length - 1, from).toBe(1);
    const out = slimD3Scale(original)!;
    expect(out.split('\n').length).toBe(original.split('\n').length);
    expect(out).not.toMatch(/from 'd3-(interpolate|format)'/);
    expect(slimD3Scale('export const a = 1;')).toBeNull();
  });

  it('the numbers-only interpolation is d3-interpolate’s for numbers, null and booleans, and refuses the rest', () => {
    fc.assert(
      fc.property(fc.double(), fc.double(), fc.double({ min: -1, max: 2, noNaN: true }), (a, b, t) => {
        expect(numeric.interpolate(a, b)(t)).toBe(d3Interpolate.interpolate(a, b)(t));
        expect(numeric.interpolateNumber(a, b)(t)).toBe(d3Interpolate.interpolateNumber(a, b)(t));
        expect(numeric.interpolateRound(a, b)(t)).toBe(d3Interpolate.interpolateRound(a, b)(t));
        expect(numeric.piecewise(numeric.interpolateNumber, [a, b, a])(t)).toBe(d3Interpolate.piecewise(d3Interpolate.interpolateNumber, [a, b, a])(t));
      }),
    );
    for (const b of [null, undefined, true, false]) expect(numeric.interpolate(1, b)(0.5)).toBe((d3Interpolate.interpolate as (a: unknown, b: unknown) => (t: number) => unknown)(1, b)(0.5));
    expect(() => numeric.interpolate('red', 'blue')).toThrow(/numbers only/);
    expect(() => numeric.interpolate(0, new Date(0))).toThrow(/numbers only/);
  });

  it('the scales Recharts uses map, invert, tick and round exactly as the original d3-scale', () => {
    const num = fc.double({ min: -1e9, max: 1e9, noNaN: true });
    const pos = fc.double({ min: 1e-6, max: 1e9, noNaN: true });
    fc.assert(
      fc.property(fc.tuple(num, num), fc.tuple(num, num), num, fc.integer({ min: 1, max: 20 }), (domain, range, x, count) => {
        const a = d3.scaleLinear().domain(domain).range(range);
        const b = slim.scaleLinear().domain(domain).range(range);
        expect(b(x)).toBe(a(x));
        expect(b.invert(x)).toBe(a.invert(x));
        expect(outcome(() => b.ticks(count))).toEqual(outcome(() => a.ticks(count)));
        expect(outcome(() => b.copy().nice(count).domain())).toEqual(outcome(() => a.copy().nice(count).domain()));
        expect(b.copy().clamp(true)(x)).toBe(a.copy().clamp(true)(x));
        expect(b.copy().rangeRound(range)(x)).toBe(a.copy().rangeRound(range)(x));
      }),
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
      fc.property(fc.uniqueArray(fc.string(), { minLength: 1, maxLength: 12 }), fc.tuple(num, num), fc.double({ min: 0, max: 1, noNaN: true }), (domain, range, pad) => {
        const a = d3.scaleBand().domain(domain).range(range).padding(pad);
        const b = slim.scaleBand().domain(domain).range(range).padding(pad);
        expect(domain.map(b)).toEqual(domain.map(a));
        expect(b.bandwidth()).toBe(a.bandwidth());
        const p = d3.scalePoint().domain(domain).range(range);
        const q = slim.scalePoint().domain(domain).range(range);
        expect(domain.map(q)).toEqual(domain.map(p));
      }),
    );
    // Several domain points (polymap) and a numeric ZAxis-like constant range.
    const a = d3.scaleLinear().domain([0, 10, 100]).range([0, 50, 60]);
    const b = slim.scaleLinear().domain([0, 10, 100]).range([0, 50, 60]);
    for (const x of [-5, 0, 5, 10, 55, 100, 150]) expect(b(x)).toBe(a(x));
    expect(slim.scaleLinear().domain([1, 9]).range([36, 36])(4)).toBe(36);
  });

  it('d3-format is unreachable: neither Recharts nor the app calls scale.tickFormat()', () => {
    const recharts = join(dirname(require.resolve('recharts/package.json')), 'es6');
    const callers = [...files(recharts), ...files(join(root, 'src'))].filter((f) => /\.tickFormat\s*\(/.test(readFileSync(f, 'utf8')));
    expect(callers).toEqual([]);
    expect(() => slim.scaleLinear().tickFormat()).toThrow(/not bundled/);
    for (const f of Object.values(noFormat)) expect(f).toThrow(/not bundled/);
  });
});
