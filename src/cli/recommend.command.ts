/** `aio-dash recommend`: loads the data, compares every aio pair present and answers per disk. */
import type { AioMode, ResultRecord } from '../core/model/record.types';
import { compare } from '../core/compare';
import type { CellComparison } from '../core/compare';
import {
  describeHost,
  envFromRecord,
  envKey,
  evaluateComparisons,
  hostPreset,
  recommend,
} from '../core/policy';
import type { CellEnvironment, PolicyDecision } from '../core/policy';
import type { CliCommand, CliIo } from './cli.types';
import { loadSets } from './load-records';
import { usageError } from './args';
import { HELP, USAGE, envFromCellArg, matchesCell, parseArgs } from './recommend.args';
import { toJson, toTable } from './recommend.output';

/** Comparisons of every pair of aio modes present in the records. */
function aioComparisons(records: ResultRecord[]): CellComparison[] {
  const present = new Set(records.map((r) => r.aio));
  const pairs: [AioMode, AioMode][] = [
    ['threads', 'native'],
    ['threads', 'io_uring'],
    ['native', 'io_uring'],
  ];
  const out: CellComparison[] = [];
  for (const [b, c] of pairs)
    if (present.has(b) && present.has(c))
      for (const cell of compare(records, { baseline: b, candidate: c }).cells) out.push(cell);
  return out;
}

async function runRecommend(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') return usageError(io, 'recommend', args, USAGE);
  const { records, code } = await loadSets(args.files, args.load, io);
  const host = args.host;
  const pre = host.preset ? hostPreset(host.preset) : undefined;
  io.stderr(
    `recommend: host ${describeHost(host)}${pre ? ` (QEMU ${host.qemu}, libvirt ${host.libvirt}: assumed)` : ''}${host.platform !== 'generic' ? `, platform ${host.platform}` : ''}\n`,
  );
  const comparisons = records.length > 0 ? aioComparisons(records) : [];
  const items: Array<{ env: CellEnvironment; d: PolicyDecision }> = [];
  if (args.cells.length > 0) {
    for (const c of args.cells) {
      const env = envFromCellArg(c);
      items.push({
        env,
        d: recommend(
          env,
          host,
          comparisons.filter((x) => matchesCell(x, c)),
          args.lang,
        ),
      });
    }
  } else {
    // One answer per disk configuration of the data; configurations without any comparison
    // (one mode only, or blank rows) are answered from the rules alone.
    const { groups } = evaluateComparisons(comparisons, host, args.lang);
    const seen = new Set<string>();
    for (const g of groups) {
      seen.add(envKey(g.env));
      items.push({ env: g.env, d: g.decision });
    }
    for (const r of records) {
      if (r.layer === 'host') continue;
      const env = envFromRecord(r);
      const k = envKey(env);
      if (seen.has(k)) continue;
      seen.add(k);
      items.push({ env, d: recommend(env, host, [], args.lang) });
    }
    const keyOf = (e: CellEnvironment) =>
      [
        e.storage,
        e.medium,
        e.prealloc,
        e.source,
        e.fs,
        e.format,
        e.cache,
        e.bus,
        String(e.iothread),
      ]
        .map((v) => v ?? '')
        .join('\u0001');
    items.sort((x, y) => keyOf(x.env).localeCompare(keyOf(y.env), 'en', { numeric: true }));
    io.stderr(
      `recommend: ${records.length} records, ${comparisons.length} comparisons, ${items.length} disk configurations\n`,
    );
  }
  if (args.format === 'json')
    io.stdout(
      JSON.stringify(
        items.map((x) => toJson(x.env, x.d, args.lang, host)),
        null,
        2,
      ) + '\n',
    );
  else io.stdout(toTable(items, args.lang));
  return code;
}

export const recommendCommand: CliCommand = {
  name: 'recommend',
  summary: 'recommend an aio mode per disk, with reasons, sources and what other platforms pick',
  usage: HELP,
  run: runRecommend,
};
