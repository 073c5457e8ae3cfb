import type { Plugin } from 'vite';

/**
 * Build-time trim of what d3-scale (reached through Recharts) puts in the charts chunk, without
 * changing what the charts draw. Measured on d3-scale 4.0 with Recharts 3.11
 * (scripts/bundle-budget.ts, gzip, with the Recharts trims in place): charts chunk 111.7 →
 * 104.0 kB, 5.7 kB for 1 and 2.0 kB for 2. Only two import lines of
 * node_modules/d3-scale/dist/d3-scale.mjs are touched, each replaced by one line (the identity
 * source map stays exact), and only when they match exactly: a future d3-scale can only lose the
 * saving (vite-d3-scale-slim.test.ts then fails), never change behaviour.
 *
 * 1. Numbers-only interpolation (−5.7 kB: d3-interpolate and d3-color leave the chunk). A
 *    continuous scale maps its domain onto its range with d3's generic `interpolate(a, b)`, which
 *    also knows colours (the CSS colour parser and its table of named colours), strings, dates,
 *    arrays and objects; d3-interpolate's module-level gamma setup keeps all of d3-color even when
 *    only `interpolateNumber` is used. Recharts gives scales ranges of pixel coordinates (and the
 *    ZAxis `range`, a `number[]`), for which the generic interpolator *is* `interpolateNumber`.
 *    The replacement keeps d3's code for numbers (and its constant for null/boolean) and throws on
 *    anything else rather than interpolating it differently.
 *
 * 2. No d3-format (−2.0 kB). d3-scale imports it only for `scale.tickFormat()`, which Recharts
 *    never calls (it formats ticks with the axis' `tickFormatter`) and neither does the app; the
 *    test checks both. The stand-ins throw if that ever changes.
 */
export function d3ScaleSlim(): Plugin {
  return {
    name: 'aio-dash-d3-scale-slim',
    enforce: 'pre',
    resolveId(id) {
      return VIRTUAL.has(id) ? '\0' + id : null;
    },
    load(id) {
      return id.startsWith('\0') ? (VIRTUAL.get(id.slice(1)) ?? null) : null;
    },
    transform: {
      filter: { id: /[\\/]node_modules[\\/]d3-scale[\\/]dist[\\/]d3-scale\.mjs$/ },
      handler(code) {
        const out = slimD3Scale(code);
        return out === null ? null : { code: out, map: null };
      },
    },
  };
}

export const NUMBER_INTERPOLATE = 'virtual:aio-dash-d3-interpolate-number';
export const NO_FORMAT = 'virtual:aio-dash-d3-format-unused';

/** The import lines of d3-scale 4 that are replaced, and what replaces each. */
export const D3_SCALE_IMPORTS: ReadonlyArray<readonly [string, string]> = [
  [
    "import { interpolateNumber, interpolate, interpolateRound, piecewise } from 'd3-interpolate';",
    `import { interpolateNumber, interpolate, interpolateRound, piecewise } from '${NUMBER_INTERPOLATE}';`,
  ],
  [
    "import { formatSpecifier, precisionFixed, precisionRound, precisionPrefix, formatPrefix, format } from 'd3-format';",
    `import { formatSpecifier, precisionFixed, precisionRound, precisionPrefix, formatPrefix, format } from '${NO_FORMAT}';`,
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
  throw new TypeError("d3 scales interpolate numbers only here (scripts/vite-d3-scale-slim.ts)");
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
  throw new Error("scale.tickFormat() is not bundled (scripts/vite-d3-scale-slim.ts)");
}
export { unavailable as formatSpecifier, unavailable as precisionFixed, unavailable as precisionRound, unavailable as precisionPrefix, unavailable as formatPrefix, unavailable as format };
`;

const VIRTUAL = new Map([
  [NUMBER_INTERPOLATE, NUMBER_INTERPOLATE_MODULE],
  [NO_FORMAT, NO_FORMAT_MODULE],
]);

/** `code` (d3-scale's ES module) with each import of D3_SCALE_IMPORTS swapped in place, or null. */
export function slimD3Scale(code: string): string | null {
  let out = code;
  for (const [from, to] of D3_SCALE_IMPORTS) out = out.replace(from, to);
  return out === code ? null : out;
}
