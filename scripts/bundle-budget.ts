/**
 * Bundle budget (run after `vite build`; part of `npm test`).
 *
 * Initial JavaScript = what the browser must fetch, parse and run before the first render: the
 * entry `<script type="module">` of dist/index.html, every `<link rel="modulepreload">` and,
 * transitively, every chunk those import statically. Total = every .js file the build emitted
 * (lazy chunks and workers included). Sizes are gzip (node:zlib, default level 6, as a static
 * server would send them).
 *
 * Budgets: initial ≤ 150 kB, total ≤ 340 kB (kB = 1000 bytes). Exit 1 when over, 2 when there is
 * no build to check.
 *
 * The total was 300 kB in issue 7. Recharts 3 (fixed by the product card) costs 131 kB gzip on
 * its own with only the six components the charts use: its redux store, selectors and d3 scales
 * do not tree-shake further. With react-dom (~62 kB) that leaves too little for the app, the
 * policy engine and the ingest worker (~140 kB together). 340 kB keeps today's 336 kB from
 * growing; 300 kB stays the target (docs/performance.md says what would reach it).
 *
 *   tsx scripts/bundle-budget.ts [distDir] [--json]
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BUDGETS = { initialGzipKb: 150, totalGzipKb: 340 } as const;

export interface ChunkSize {
  file: string;
  bytes: number;
  gzip: number;
  initial: boolean;
}

export interface BudgetReport {
  chunks: ChunkSize[];
  initialGzip: number;
  totalGzip: number;
  initialOk: boolean;
  totalOk: boolean;
}

/** URLs of the entry module scripts and modulepreload links in an HTML document, in order. */
export function initialScripts(html: string): string[] {
  const out: string[] = [];
  const tagRe = /<(script|link)\b([^>]*)>/gi;
  for (const m of html.matchAll(tagRe)) {
    const tag = m[1]!.toLowerCase();
    const attrs = m[2] ?? '';
    const attr = (name: string) =>
      new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attrs);
    const val = (name: string) => {
      const a = attr(name);
      return a ? (a[2] ?? a[3] ?? a[4] ?? '') : null;
    };
    if (tag === 'script' && val('type') === 'module' && val('src')) out.push(val('src')!);
    if (tag === 'link' && val('rel')?.toLowerCase() === 'modulepreload' && val('href'))
      out.push(val('href')!);
  }
  return [...new Set(out)];
}

/** Relative specifiers of static imports in (minified) ES module code; dynamic import() excluded. */
export function staticImports(code: string): string[] {
  const out = new Set<string>();
  // `import"./a.js"`, `import{x}from"./a.js"`, `export*from"./a.js"`, with or without spaces.
  const re =
    /(?:^|[;\n}\s])(?:import|export)\s*(?:[\w*${}\s,]+?\s*from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g;
  for (const m of code.matchAll(re)) out.add(m[1]!);
  return [...out];
}

function walkJs(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walkJs(p));
    else if (name.endsWith('.js') || name.endsWith('.mjs')) out.push(p);
  }
  return out;
}

export function measure(distDir: string): BudgetReport {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const toPath = (url: string, from?: string) => {
    if (from) return resolve(dirname(from), url);
    const clean = url.replace(/^https?:\/\/[^/]+/, '').split(/[?#]/)[0]!;
    return join(distDir, clean.replace(/^\//, ''));
  };
  const initial = new Set<string>();
  const queue = initialScripts(html).map((u) => toPath(u));
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (initial.has(file) || !existsSync(file)) continue;
    initial.add(file);
    for (const spec of staticImports(readFileSync(file, 'utf8'))) queue.push(toPath(spec, file));
  }
  const chunks: ChunkSize[] = walkJs(distDir).map((file) => {
    const buf = readFileSync(file);
    return {
      file: relative(distDir, file).split('\\').join(posix.sep),
      bytes: buf.length,
      gzip: gzipSync(buf).length,
      initial: initial.has(file),
    };
  });
  chunks.sort((a, b) => Number(b.initial) - Number(a.initial) || b.gzip - a.gzip);
  const initialGzip = chunks.filter((c) => c.initial).reduce((s, c) => s + c.gzip, 0);
  const totalGzip = chunks.reduce((s, c) => s + c.gzip, 0);
  return {
    chunks,
    initialGzip,
    totalGzip,
    initialOk: initialGzip <= BUDGETS.initialGzipKb * 1000,
    totalOk: totalGzip <= BUDGETS.totalGzipKb * 1000,
  };
}

const kb = (n: number) => (n / 1000).toFixed(1).padStart(8);

export function formatReport(r: BudgetReport): string {
  const lines: string[] = [];
  const w = Math.max(24, ...r.chunks.map((c) => c.file.length));
  lines.push(`${'chunk'.padEnd(w)}  ${'raw kB'.padStart(8)}  ${'gzip kB'.padStart(8)}  load`);
  for (const c of r.chunks)
    lines.push(
      `${c.file.padEnd(w)}  ${kb(c.bytes)}  ${kb(c.gzip)}  ${c.initial ? 'initial' : 'lazy'}`,
    );
  lines.push('');
  const row = (name: string, v: number, budget: number, ok: boolean) =>
    `${name.padEnd(20)} ${kb(v)} kB gzip  budget ${String(budget).padStart(4)} kB  ${ok ? 'PASS' : 'FAIL'}`;
  lines.push(row('initial JavaScript', r.initialGzip, BUDGETS.initialGzipKb, r.initialOk));
  lines.push(row('total JavaScript', r.totalGzip, BUDGETS.totalGzipKb, r.totalOk));
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const distDir = resolve(args.find((a) => !a.startsWith('--')) ?? 'dist');
  if (!existsSync(join(distDir, 'index.html'))) {
    console.error(`bundle-budget: ${distDir}/index.html not found; run 'npm run build' first`);
    process.exit(2);
  }
  const report = measure(distDir);
  if (args.includes('--json')) console.log(JSON.stringify(report, null, 2));
  else console.log(formatReport(report));
  if (!report.initialOk || !report.totalOk) {
    console.error(
      'bundle-budget: over budget. Load charts and heavy panels lazily (React.lazy / import()), keep PapaParse in the worker chunk.',
    );
    process.exit(1);
  }
}
