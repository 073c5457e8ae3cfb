import type { Plugin } from 'vite';

/**
 * Build-time trims of what Recharts pulls from its dependencies into the charts chunk, without
 * changing what the charts draw (scripts/vite-recharts-slim.ts trims Recharts' own modules).
 * Measured with scripts/bundle-budget.ts (gzip; each with the others and the Recharts trims in
 * place; Recharts 3.11, d3-scale 4.0, d3-shape 3.2): charts chunk 111.7 → 102.7 kB (the parts
 * were measured in scratch builds; the stand-ins that throw cost 0.2 kB).
 * Each transform replaces one exact line by one line (the identity source map stays exact) and
 * only when it matches: a new release can only lose the saving (vite-recharts-deps-slim.test.ts
 * then fails), never change behaviour. What is left out throws when reached, rather than
 * drawing something else.
 *
 * 1. Numbers-only interpolation in d3-scale (−5.7 kB: d3-interpolate and d3-color leave the
 *    chunk). A continuous scale maps its domain onto its range with d3's generic
 *    `interpolate(a, b)`, which also knows colours (CSS colour parser, named colour table),
 *    strings, dates, arrays and objects; d3-interpolate's module-level gamma setup keeps all of
 *    d3-color even when only `interpolateNumber` is used. Recharts gives scales ranges of pixel
 *    coordinates (and the ZAxis `range`, a `number[]`), for which the generic interpolator *is*
 *    `interpolateNumber`. The replacement is d3's code for numbers (and its constant for
 *    null/boolean) and throws on anything else.
 *
 * 2. No d3-format (−2.0 kB). d3-scale imports it only for `scale.tickFormat()`, which Recharts
 *    never calls (ticks go through the axis' `tickFormatter`) and neither does the app.
 *
 * 3. Only the d3 curve Recharts draws here (−0.9 kB). `Curve` imports 13 d3-shape curves to look
 *    one up by its `type` name; the charts only draw linear ones (the scatter's Little's law
 *    lines). The other names stay in the lookup, bound to a curve that throws.
 *
 * 4. Only the d3 symbols the scatter uses (−0.3 kB): circle, cross and diamond (`shape="…"` in
 *    src/features/charts; the test fails when a chart uses another one). Square, star, triangle
 *    and wye stay in `Symbols`' lookup, bound to a symbol that throws.
 *
 * 5. One `useSyncExternalStoreWithSelector` (−0.3 kB). Recharts imports the shim's version,
 *    react-redux the plain one; they are the same code except that the shim's takes
 *    `useSyncExternalStore` from the shim, which on React ≥ 18 hands back React's own.
 */
export function rechartsDepsSlim(): Plugin {
  return {
    name: 'aio-dash-recharts-deps-slim',
    enforce: 'pre',
    async resolveId(id, importer, options) {
      if (VIRTUAL.has(id)) return '\0' + id;
      if (id === SHIM_WITH_SELECTOR)
        return this.resolve(WITH_SELECTOR, importer, { ...options, skipSelf: true });
      return null;
    },
    load(id) {
      return id.startsWith('\0') ? (VIRTUAL.get(id.slice(1)) ?? null) : null;
    },
    transform: {
      filter: {
        id: /[\\/]node_modules[\\/](d3-scale[\\/]dist[\\/]d3-scale\.mjs|recharts[\\/]es6[\\/]shape[\\/](Curve|Symbols)\.js)$/,
      },
      handler(code) {
        const out = replaceLines(code);
        return out === null ? null : { code: out, map: null };
      },
    },
  };
}

export const NUMBER_INTERPOLATE = 'virtual:aio-dash-d3-interpolate-number';
export const NO_FORMAT = 'virtual:aio-dash-d3-format-unused';
export const UNBUNDLED_SHAPES = 'virtual:aio-dash-d3-shapes-unused';
export const SHIM_WITH_SELECTOR = 'use-sync-external-store/shim/with-selector';
export const WITH_SELECTOR = 'use-sync-external-store/with-selector.js';

/** The curves and symbols that stay in the charts chunk (the others throw). */
export const KEPT_CURVES = ['curveLinear'] as const;
export const KEPT_SYMBOLS = ['symbolCircle', 'symbolCross', 'symbolDiamond'] as const;
const UNUSED_CURVES = [
  'curveBasis',
  'curveBasisClosed',
  'curveBasisOpen',
  'curveBumpX',
  'curveBumpY',
  'curveLinearClosed',
  'curveMonotoneX',
  'curveMonotoneY',
  'curveNatural',
  'curveStep',
  'curveStepAfter',
  'curveStepBefore',
];
const UNUSED_SYMBOLS = ['symbolSquare', 'symbolStar', 'symbolTriangle', 'symbolWye'];
const stubs = (names: readonly string[], stub: string) =>
  names.map((n) => `${stub} as ${n}`).join(', ');

/** Each replaced line (in d3-scale 4.0 and Recharts 3.11) and the line that replaces it. */
export const LINES: ReadonlyArray<readonly [string, string]> = [
  [
    "import { interpolateNumber, interpolate, interpolateRound, piecewise } from 'd3-interpolate';",
    `import { interpolateNumber, interpolate, interpolateRound, piecewise } from '${NUMBER_INTERPOLATE}';`,
  ],
  [
    "import { formatSpecifier, precisionFixed, precisionRound, precisionPrefix, formatPrefix, format } from 'd3-format';",
    `import { formatSpecifier, precisionFixed, precisionRound, precisionPrefix, formatPrefix, format } from '${NO_FORMAT}';`,
  ],
  [
    "import { area as shapeArea, curveBasis, curveBasisClosed, curveBasisOpen, curveBumpX, curveBumpY, curveLinear, curveLinearClosed, curveMonotoneX, curveMonotoneY, curveNatural, curveStep, curveStepAfter, curveStepBefore, line as shapeLine } from 'victory-vendor/d3-shape';",
    `import { area as shapeArea, curveLinear, line as shapeLine } from 'victory-vendor/d3-shape'; import { ${stubs(UNUSED_CURVES, 'unbundledCurve')} } from '${UNBUNDLED_SHAPES}';`,
  ],
  [
    "import { symbol as shapeSymbol, symbolCircle, symbolCross, symbolDiamond, symbolSquare, symbolStar, symbolTriangle, symbolWye } from 'victory-vendor/d3-shape';",
    `import { symbol as shapeSymbol, symbolCircle, symbolCross, symbolDiamond } from 'victory-vendor/d3-shape'; import { ${stubs(UNUSED_SYMBOLS, 'unbundledSymbol')} } from '${UNBUNDLED_SHAPES}';`,
  ],
];

/** d3-interpolate 3.0's number, round and piecewise (ISC licence, verbatim) and a numbers-only `interpolate`. */
export const NUMBER_INTERPOLATE_MODULE = `
const constant = (x) => () => x;
export function interpolateNumber(a, b) {
  return a = +a, b = +b, function(t) {
    return a * (1 - t) + b * t;
  };
}
export function interpolateRound(a, b) {
  return a = +a, b = +b, function(t) {
    return Math.round(a * (1 - t) + b * t);
  };
}
export function interpolate(a, b) {
  var t = typeof b;
  if (b == null || t === "boolean") return constant(b);
  if (t === "number") return interpolateNumber(a, b);
  throw new TypeError("d3 scales interpolate numbers only here (scripts/vite-recharts-deps-slim.ts)");
}
export function piecewise(interpolate$1, values) {
  if (values === undefined) values = interpolate$1, interpolate$1 = interpolate;
  var i = 0, n = values.length - 1, v = values[0], I = new Array(n < 0 ? 0 : n);
  while (i < n) I[i] = interpolate$1(v, v = values[++i]);
  return function(t) {
    var i = Math.max(0, Math.min(n - 1, Math.floor(t *= n)));
    return I[i](t - i);
  };
}
`;

/** Stand-ins for the d3-format functions d3-scale's `tickFormat` would call. */
export const NO_FORMAT_MODULE = `
function unavailable() {
  throw new Error("scale.tickFormat() is not bundled (scripts/vite-recharts-deps-slim.ts)");
}
export { unavailable as formatSpecifier, unavailable as precisionFixed, unavailable as precisionRound, unavailable as precisionPrefix, unavailable as formatPrefix, unavailable as format };
`;

/** A d3 curve factory and a d3 symbol type that refuse to draw. */
export const UNBUNDLED_SHAPES_MODULE = `
function unbundled() {
  throw new Error("this d3 curve/symbol is not bundled (scripts/vite-recharts-deps-slim.ts)");
}
export const unbundledCurve = unbundled;
export const unbundledSymbol = { draw: unbundled };
`;

const VIRTUAL = new Map([
  [NUMBER_INTERPOLATE, NUMBER_INTERPOLATE_MODULE],
  [NO_FORMAT, NO_FORMAT_MODULE],
  [UNBUNDLED_SHAPES, UNBUNDLED_SHAPES_MODULE],
]);

/** `code` with each line of LINES it contains replaced in place, or null when it has none. */
export function replaceLines(code: string): string | null {
  let out = code;
  for (const [from, to] of LINES) out = out.replace(from, () => to);
  return out === code ? null : out;
}
