import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

/**
 * Build-time trims of what Recharts 3 puts in the charts chunk, without changing what it draws.
 * The transforms touch only files under node_modules/recharts/es6 and only text that matches
 * exactly; anything else passes through untouched, so a future Recharts release can only lose
 * the saving, never change behaviour. Measured on Recharts 3.11 (scripts/bundle-budget.ts, gzip;
 * each saving measured with the others in place): charts chunk 131.1 → 114.2 kB with 1 and 2
 * (and the HTML scatter legend), → 111.7 kB with 3.
 *
 * 1. Shared Babel helpers (−7.7 kB). Recharts publishes its ES modules compiled by Babel with
 *    the helpers inlined in every file (`_defineProperty`, `_objectSpread`, `ownKeys`,
 *    `_extends`, `_slicedToArray`, …: ≈ 1.5 kB in each of the ~80 modules the charts reach), and
 *    the bundler keeps one renamed copy per module. Each helper line identical to the canonical
 *    text (the most frequent one in the package) becomes an import from one shared module.
 *
 * 2. Only the d3 scales the charts can ask for (−6.9 kB). Two selectors look a scale up by name
 *    in `import * as d3Scales from 'victory-vendor/d3-scale'`; the namespace import keeps every
 *    d3 scale in the chunk (time/utc with d3-time and d3-time-format, sequential, diverging,
 *    quantile, …). It is replaced by an object holding what `scale="auto"` resolves to (band,
 *    linear, point) plus `scales`, the names the charts pass in `scale="…"`
 *    (src/features/charts/recharts-scales.ts; its test fails when a chart uses another one).
 *
 * 3. es-toolkit's plain `uniqBy` and `omit` instead of their lodash-compatible versions
 *    (−2.5 kB). The compat versions accept lodash's iteratee shorthands and deep property paths
 *    and so pull es-toolkit's iteratee, matcher, deep-clone and deep-equal code. Recharts calls
 *    `uniqBy` only with a function and `omit` only with an array literal of top-level keys on
 *    plain data objects, where both versions return the same thing (vite-recharts-slim.test.ts
 *    checks every call site in the installed Recharts).
 */
export function rechartsSlim(scales: readonly string[]): Plugin {
  let canonical = new Map<string, string>();
  let root = process.cwd();
  return {
    name: 'aio-dash-recharts-slim',
    enforce: 'pre',
    configResolved(config) {
      root = config.root;
    },
    buildStart() {
      // Decided before any module is transformed: modules are transformed in parallel, and the
      // shared module may be loaded before the last of them.
      const pkg = createRequire(join(root, 'package.json')).resolve('recharts/package.json');
      canonical = canonicalHelpers(
        jsFiles(join(dirname(pkg), 'es6')).map((f) => readFileSync(f, 'utf8')),
      );
    },
    resolveId(id) {
      return id === HELPERS ? RESOLVED_HELPERS : null;
    },
    load(id) {
      return id === RESOLVED_HELPERS ? helpersModule(canonical) : null;
    },
    transform: {
      filter: { id: /[\\/]node_modules[\\/]recharts[\\/]es6[\\/].*\.js$/ },
      handler(code) {
        let out: string | null = null;
        for (const step of [
          (c: string) => shareHelpers(c, canonical),
          (c: string) => pickScales(c, scales),
          plainEsToolkit,
        ])
          out = step(out ?? code) ?? out;
        // Kept code stays on its line and column (see shareHelpers): the identity map is exact.
        return out === null ? null : { code: out, map: null };
      },
    },
  };
}

export const HELPERS = 'virtual:aio-dash-babel-helpers';
const RESOLVED_HELPERS = '\0' + HELPERS;
/** A top-level helper as Babel prints it: one line, `function _name(…) {…}` or `function ownKeys(…`. */
const HELPER_LINE = /^function (_[A-Za-z]+|ownKeys)\(.*\}$/;
const SCALE_NAMESPACE = /^import \* as d3Scales from 'victory-vendor\/d3-scale';$/m;
/** What Recharts resolves `scale="auto"` to (combineRealScaleType). */
const AUTO_SCALES = ['band', 'linear', 'point'];

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? jsFiles(join(dir, e.name))
      : e.name.endsWith('.js')
        ? [join(dir, e.name)]
        : [],
  );
}

/** Per helper name, its most frequent line over `sources` (ties: the first seen). */
export function canonicalHelpers(sources: readonly string[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const code of sources)
    for (const line of code.split('\n')) {
      const name = HELPER_LINE.exec(line)?.[1];
      if (name === undefined) continue;
      const byText = counts.get(name) ?? new Map<string, number>();
      byText.set(line, (byText.get(line) ?? 0) + 1);
      counts.set(name, byText);
    }
  const out = new Map<string, string>();
  for (const [name, byText] of counts)
    out.set(name, [...byText].sort((a, b) => b[1] - a[1])[0]![0]);
  return out;
}

/** The shared module: every canonical helper, exported under its own name. */
export function helpersModule(canonical: ReadonlyMap<string, string>): string {
  return [...canonical.values()].map((line) => `export ${line}`).join('\n') + '\n';
}

/**
 * `code` with each canonical helper line emptied and one import of those helpers appended
 * (imports are hoisted), or null when it has none. Every other line keeps its place.
 */
export function shareHelpers(code: string, canonical: ReadonlyMap<string, string>): string | null {
  const lines = code.split('\n');
  const names: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const name = HELPER_LINE.exec(lines[i]!)?.[1];
    if (name === undefined || canonical.get(name) !== lines[i]) continue;
    names.push(name);
    lines[i] = '';
  }
  if (names.length === 0) return null;
  lines.push(`import { ${names.join(', ')} } from '${HELPERS}';`);
  return lines.join('\n');
}

/** d3's export name of a Recharts scale name: 'log' → 'scaleLog'. */
export const d3ScaleName = (name: string) => `scale${name.charAt(0).toUpperCase()}${name.slice(1)}`;

/** `code` with the d3-scale namespace import narrowed to `scales` and the auto ones, or null. */
export function pickScales(code: string, scales: readonly string[]): string | null {
  if (!SCALE_NAMESPACE.test(code)) return null;
  const names = [...new Set([...AUTO_SCALES, ...scales].map(d3ScaleName))].sort().join(', ');
  // Null prototype, like the namespace object it replaces: `'toString' in d3Scales` stays false.
  return code.replace(
    SCALE_NAMESPACE,
    `import { ${names} } from 'victory-vendor/d3-scale'; var d3Scales = Object.assign(Object.create(null), { ${names} });`,
  );
}

/** Lodash-compatible es-toolkit imports of Recharts and the plain versions that replace them. */
export const PLAIN_ES_TOOLKIT: ReadonlyArray<readonly [string, string]> = [
  [
    "import uniqBy from 'es-toolkit/compat/uniqBy';",
    "import { uniqBy } from 'es-toolkit/array/uniqBy';",
  ],
  ["import omit from 'es-toolkit/compat/omit';", "import { omit } from 'es-toolkit/object/omit';"],
];

/** `code` with the imports of PLAIN_ES_TOOLKIT swapped (each on its own line, as before), or null. */
export function plainEsToolkit(code: string): string | null {
  let out = code;
  for (const [compat, plain] of PLAIN_ES_TOOLKIT) out = out.replace(compat, plain);
  return out === code ? null : out;
}
