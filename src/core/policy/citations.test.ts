/* eslint-disable no-restricted-imports -- tests run in Node and read the research copy and the seed data from disk */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CITATIONS, citation, citationsFor } from './citations';
import { findClaims, governingTag, normalizeResearchText, parseResearch } from './research.parse';
import { RULES } from './rules';
import { platformChoices } from './platforms';
import { deriveFacts } from './facts';
import { HOST_PRESETS } from './host-profile';
import type { CellEnvironment } from './policy.types';

const ROOT = join(__dirname, '..', '..', '..');
// The copy kept in the repository (docs/research) is what the tests prove against; the shared
// original, when present, must be identical so the copy cannot drift.
const COPY = join(ROOT, 'docs', 'research', 'aio-policy-research.md');
const SHARED = join(ROOT, '..', 'shared', 'domain', 'aio-policy-research.md');
const research = readFileSync(COPY, 'utf8');
const doc = parseResearch(research);

describe('research parser', () => {
  it('reads sections, tags and the repositories read at a commit', () => {
    expect(doc.items.length).toBeGreaterThan(100);
    expect(doc.sourcesRead.get('openstack/nova')).toEqual(['00a03040']);
    expect(doc.sourcesRead.get('qemu/qemu')).toEqual(['006e1962', '8c6f27e7']);
    expect(new Set(doc.items.map((i) => i.section))).toContain('7.5');
  });

  it('tells [V], [V2], [U] and [inference] items apart (negative controls)', () => {
    const tagOf = (q: string) => findClaims(doc, q).map((h) => h.tag);
    expect(tagOf('Not retrievable in this environment')).toEqual(['U']);
    expect(
      tagOf('native and io_uring gave similar aggregate performance on this network block storage'),
    ).toEqual(['U']);
    expect(tagOf('Harvester runs KubeVirt, so the same logic applies.')).toEqual(['inference']);
    expect(tagOf('treat io_uring as eligible only on kernels ≥ 5.15 LTS')).toEqual(['inference']);
    expect(tagOf('I did not re-verify where the check lives in current libvirt')).toEqual(['U']);
    // The synthesis (§8) is the research's own reasoning, not a source: untagged.
    expect(
      tagOf('Preference order when several modes are "OK": the measured winner in the cell.'),
    ).toEqual([null]);
    expect(
      tagOf('AIO blocks if anything in the I/O submission path is unable to complete inline.'),
    ).toContain('V2');
  });

  it('an introducing tag ("[V]:") covers the quoted code block that follows it', () => {
    const hits = findClaims(doc, 'native I/O needs either no disk cache or directsync cache mode');
    expect(hits).toHaveLength(1);
    expect(hits[0]!.tag).toBe('V');
    const i = hits[0]!.item;
    // …although a later sentence of the same item is [U].
    expect(doc.items[i]!.tags.map((t) => t.tag)).toEqual(['V', 'U', 'V']);
    expect(
      governingTag(
        doc,
        i,
        doc.items[i]!.text.indexOf('I did not re-verify'),
        doc.items[i]!.text.indexOf('I did not re-verify') + 5,
      ),
    ).toBe('U');
  });
});

describe('citation registry', () => {
  it('the shared research, when present, equals the repository copy', () => {
    if (!existsSync(SHARED)) {
      console.warn(
        `skipped: ${SHARED} not present; testing against the copy in docs/research only`,
      );
      return;
    }
    expect(readFileSync(SHARED, 'utf8')).toBe(research);
  });

  it('has unique ids and only V/V2 tags', () => {
    const ids = CITATIONS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of CITATIONS) expect(['V', 'V2']).toContain(c.tag);
  });

  it('gives every entry its research quote, through CITATIONS and citation() alike', () => {
    for (const c of CITATIONS) {
      expect(c.quote.trim().length, `${c.id} has no quote`).toBeGreaterThan(10);
      expect(citation(c.id)).toEqual(c);
    }
    expect(citation('nova-spec')?.quote).toMatch(
      /^Native AIO mode will not be enabled for sparse images/,
    );
    expect(citation('no-such-id')).toBeUndefined();
  });

  it.each(CITATIONS.map((c) => [c.id, c] as const))(
    '%s rests on a research item with its own tag, in its section',
    (_id, c) => {
      const hits = findClaims(doc, c.quote);
      expect(hits.length, `quote not found: ${c.quote}`).toBeGreaterThan(0);
      const section = c.section.replace('§', '');
      const here = hits.filter((h) => h.section === section || h.section.startsWith(section + '.'));
      expect(here.length, `quote not in ${c.section}`).toBeGreaterThan(0);
      for (const h of here) expect(h.tag, `${c.id} is governed by [${String(h.tag)}]`).toBe(c.tag);
    },
  );

  it.each(CITATIONS.map((c) => [c.id, c] as const))(
    '%s has a URL the research gives or names',
    (_id, c) => {
      const url = c.url.replace(/\/$/, '');
      if (research.includes(url)) {
        // A URL given verbatim sits in a [V]/[V2] item, or is the address line ("URL:", "Source:")
        // of the citation's own section, whose quote was checked above.
        const section = c.section.replace('§', '');
        const ok = doc.items.some((item, idx) => {
          const at = item.text.indexOf(url);
          if (at < 0) return false;
          const tag = governingTag(doc, idx, at, at + url.length);
          const addressLine =
            item.kind === 'paragraph' &&
            /^(URL|Source):/.test(item.text) &&
            item.section === section;
          return tag === 'V' || tag === 'V2' || addressLine;
        });
        expect(ok, `${url} only in untagged/[U] items`).toBe(true);
        return;
      }
      const blob =
        /^https:\/\/github\.com\/([\w.-]+\/[\w.-]+)\/(?:blob|tree)\/([0-9a-f]+)(?:\/(.+))?$/.exec(
          url,
        );
      if (blob) {
        const [, repo, commit, path] = blob;
        expect(doc.sourcesRead.get(repo!), `${repo} not in "Sources read"`).toContain(commit);
        if (path) {
          const base = path.split('/').pop()!;
          expect(
            doc.text.includes(path) || doc.text.includes(base),
            `${path} not named in the research`,
          ).toBe(true);
        }
        return;
      }
      const commit = /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\/commit\/([0-9a-f]{7,40})$/.exec(
        url,
      );
      if (commit) {
        expect(doc.text, `commit ${commit[1]} not in the research`).toContain(commit[1]);
        return;
      }
      const pull = /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\/pull\/(\d+)$/.exec(url);
      if (pull) {
        expect(doc.text).toContain(`PR #${pull[1]}`);
        return;
      }
      const lore = /^https:\/\/lore\.kernel\.org\/qemu-devel\/([^/]+)\/?$/.exec(url);
      if (lore) {
        expect(doc.text).toContain(lore[1]);
        return;
      }
      // A document of this repository (the seed the research quotes in §7.5).
      expect(
        url.startsWith('data/') && existsSync(join(ROOT, url)),
        `unverifiable URL ${url}`,
      ).toBe(true);
    },
  );

  it('every rule and every platform model cites only registered ids', () => {
    for (const r of RULES) {
      expect(r.citations.length, `${r.id} has no citation`).toBeGreaterThan(0);
      for (const id of r.citations)
        expect(citation(id), `${r.id} cites unknown ${id}`).toBeDefined();
    }
    const envs: CellEnvironment[] = (['file', 'block', 'network'] as const).flatMap((source) =>
      (['off', 'full'] as const).map((prealloc) => ({
        source,
        storage: null,
        fs: 'xfs',
        format: 'qcow2',
        prealloc,
        cache: 'none',
        medium: 'SSD',
        bus: null,
        iothread: true,
      })),
    );
    for (const env of envs)
      for (const p of HOST_PRESETS)
        for (const c of Object.values(platformChoices(deriveFacts(env, p.profile))))
          for (const id of c.citations)
            expect(citation(id), `${c.platform} cites unknown ${id}`).toBeDefined();
  });

  it('citationsFor de-duplicates, keeps order, drops unknown ids and the research quote', () => {
    const out = citationsFor(['nova-spec', 'qemu-file-posix', 'nova-spec', 'no-such-id']);
    expect(out.map((c) => c.id)).toEqual(['nova-spec', 'qemu-file-posix']);
    expect(Object.keys(out[0]!).sort()).toEqual(['id', 'section', 'tag', 'title', 'url']);
  });

  it('normalizes markdown emphasis and code ticks away', () => {
    expect(normalizeResearchText('a **b** `c`\n  *d*')).toBe('a b c d');
  });
});
