/**
 * Reads the research markdown (docs/research/aio-policy-research.md) into items with their
 * confidence tags, so a test can prove that every citation of the policy engine rests on an
 * item marked [V] or [V2] — never on [U] or [inference]. Pure: the caller reads the file.
 *
 * Conventions of the research document that this follows:
 * - a tag follows the claim it qualifies ("… **[V]**"), or introduces a quoted block
 *   ("**[V]**:" followed by code or sub-bullets);
 * - a tag on a `###` heading covers the whole section ("### 7.1 KubeVirt … **[V]**");
 * - nested bullets without a tag inherit their parent's introducing tag.
 */

export type ResearchTag = 'V' | 'V2' | 'U' | 'inference';

interface TagHit {
  tag: ResearchTag;
  /** Position in the item's normalized text. */
  start: number;
  end: number;
  /** The tag is followed by ':' and so covers what follows it. */
  introducer: boolean;
}

export interface ResearchItem {
  /** Section number of the nearest heading: "1.2", "3", "7.5"; '' before the first one. */
  section: string;
  headingTag: ResearchTag | null;
  /** Normalized text: no ** or backticks, whitespace collapsed; code fences left out. */
  text: string;
  /** [start, end) ranges of `text` that are code blocks. */
  code: [number, number][];
  tags: TagHit[];
  parent: number | null;
  kind: 'bullet' | 'paragraph' | 'table-row' | 'code';
}

export interface ResearchDoc {
  items: ResearchItem[];
  /** Repositories read at a commit ("Sources read" list): owner/name → commits. */
  sourcesRead: Map<string, string[]>;
  /** Normalized full text (for URL and id look-ups). */
  text: string;
}

/** Strips markdown emphasis (** and *) and code ticks, collapses whitespace. */
export function normalizeResearchText(s: string): string {
  return s.replace(/\*/g, '').replace(/`/g, '').replace(/\s+/g, ' ').trim();
}

const TAG_RE = /\[(V2|V|U|inference)(?::[^\]]*)?\]/g;

function findTags(text: string): TagHit[] {
  const hits: TagHit[] = [];
  for (const m of text.matchAll(TAG_RE)) {
    const start = m.index;
    const end = start + m[0].length;
    hits.push({
      tag: m[1] as ResearchTag,
      start,
      end,
      introducer: /^\s*:/.test(text.slice(end, end + 3)),
    });
  }
  return hits;
}

const HEADING_RE = /^(#{2,4})\s+(\d+(?:\.\d+)*)\.?\s/;
const BULLET_RE = /^(\s*)(?:[-*]|\d+\.)\s+/;

/** Parses the research markdown. Never throws; unknown shapes become paragraphs. */
export function parseResearch(markdown: string): ResearchDoc {
  const lines = markdown.split(/\r?\n/);
  const raw: {
    section: string;
    headingTag: ResearchTag | null;
    lines: string[];
    indent: number;
    parent: number | null;
    kind: ResearchItem['kind'];
  }[] = [];
  let section = '';
  let sectionTags: Record<string, ResearchTag | null> = {};
  let headingTag: ResearchTag | null = null;
  let current = -1;
  let stack: number[] = [];
  let afterBlank = false;
  let inCode = false;

  const open = (
    kind: ResearchItem['kind'],
    indent: number,
    parent: number | null,
    line: string,
  ) => {
    raw.push({ section, headingTag, lines: [line], indent, parent, kind });
    current = raw.length - 1;
  };

  for (const line of lines) {
    if (inCode) {
      if (current >= 0) raw[current]!.lines.push(line);
      if (/^\s*```/.test(line)) inCode = false;
      continue;
    }
    const heading = HEADING_RE.exec(line);
    if (heading) {
      section = heading[2]!;
      const tags = findTags(normalizeResearchText(line));
      const own = tags.length > 0 ? tags[tags.length - 1]!.tag : null;
      // A "###" heading without a tag inherits its "##" parent's tag (none in practice).
      const parentSection = section.includes('.') ? section.slice(0, section.lastIndexOf('.')) : '';
      headingTag = own ?? sectionTags[parentSection] ?? null;
      sectionTags = { ...sectionTags, [section]: headingTag };
      current = -1;
      stack = [];
      afterBlank = false;
      continue;
    }
    if (/^\s*```/.test(line)) {
      inCode = true;
      if (current >= 0 && (!afterBlank || /^\s+/.test(line))) raw[current]!.lines.push(line);
      else open('code', 0, null, line);
      afterBlank = false;
      continue;
    }
    if (line.trim() === '') {
      afterBlank = true;
      continue;
    }
    if (/^-{3,}\s*$/.test(line)) {
      current = -1;
      stack = [];
      continue;
    }
    const bullet = BULLET_RE.exec(line);
    if (bullet) {
      const indent = bullet[1]!.length;
      if (indent === 0 && afterBlank) stack = [];
      while (stack.length > 0 && raw[stack[stack.length - 1]!]!.indent >= indent) stack.pop();
      const parent = stack.length > 0 ? stack[stack.length - 1]! : null;
      open('bullet', indent, parent, line);
      stack.push(current);
    } else if (/^\|/.test(line)) {
      open('table-row', 0, null, line);
      stack = [];
    } else if (
      current >= 0 &&
      (!afterBlank || /^\s{2,}/.test(line)) &&
      raw[current]!.kind !== 'table-row'
    ) {
      raw[current]!.lines.push(line);
    } else {
      open('paragraph', -1, null, line);
      // A paragraph that introduces a list ("… **[V]**:" then bullets) is the bullets' parent.
      stack = [current];
    }
    afterBlank = false;
  }

  const items: ResearchItem[] = raw.map((r) => {
    let text = '';
    const code: [number, number][] = [];
    let fence = false;
    let codeStart = 0;
    for (const line of r.lines) {
      if (/^\s*```/.test(line)) {
        if (!fence) codeStart = text.length + (text ? 1 : 0);
        else code.push([codeStart, text.length]);
        fence = !fence;
        continue;
      }
      const n = normalizeResearchText(line);
      if (n) text = text ? `${text} ${n}` : n;
    }
    if (fence) code.push([codeStart, text.length]);
    return {
      section: r.section,
      headingTag: r.headingTag,
      text,
      code,
      tags: findTags(text),
      parent: r.parent,
      kind: r.kind,
    };
  });
  // "Source: … **[V]**" names the source a section quotes: its tag covers the rest of the section.
  let sourceTag: { section: string; tag: ResearchTag } | null = null;
  for (const item of items) {
    if (sourceTag && sourceTag.section !== item.section) sourceTag = null;
    if (item.kind === 'paragraph' && item.text.startsWith('Source:') && item.tags.length > 0) {
      sourceTag = { section: item.section, tag: item.tags[item.tags.length - 1]!.tag };
    } else if (sourceTag && item.headingTag === null) item.headingTag = sourceTag.tag;
  }

  const sourcesRead = new Map<string, string[]>();
  const srcStart = markdown.indexOf('Sources read');
  if (srcStart >= 0) {
    const block = markdown.slice(srcStart, markdown.indexOf('\n---', srcStart));
    for (const m of block.matchAll(/^- ([\w.-]+\/[\w.-]+)[^\n]*$/gm)) {
      const commits = [...m[0].matchAll(/\b([0-9a-f]{7,40})\b/g)].map((c) => c[1]!);
      sourcesRead.set(m[1]!, commits);
    }
  }
  return { items, sourcesRead, text: normalizeResearchText(markdown) };
}

/** Tag that an item passes to its children: its introducing tag, else its only tag kind. */
function inheritedTag(item: ResearchItem): ResearchTag | null {
  const intro = item.tags.find((t) => t.introducer);
  if (intro) return intro.tag;
  const kinds = new Set(item.tags.map((t) => t.tag));
  return kinds.size === 1 ? item.tags[0]!.tag : null;
}

/**
 * The tag that qualifies the text at [start, end) of item `index`: for text in a code block, the
 * introducing tag ("[V]:") just before the block; else the first tag after it, else a tag before
 * it, else the parents' tag, else the heading's (or the section's "Source:" line's).
 */
export function governingTag(
  doc: ResearchDoc,
  index: number,
  start: number,
  end: number,
): ResearchTag | null {
  const item = doc.items[index];
  if (!item) return null;
  const before = item.tags.filter((t) => t.end <= start);
  const prev = before[before.length - 1];
  const block = item.code.find(([s, e]) => start >= s && end <= e);
  if (block && prev?.introducer && prev.end <= block[0]) return prev.tag;
  const next = item.tags.find((t) => t.start >= end);
  if (next) return next.tag;
  if (prev) return prev.tag;
  let p = item.parent;
  while (p !== null) {
    const parent = doc.items[p]!;
    const t = inheritedTag(parent);
    if (t) return t;
    p = parent.parent;
  }
  return item.headingTag;
}

export interface ClaimHit {
  section: string;
  tag: ResearchTag | null;
  item: number;
}

/** Every place where `quote` (normalized) occurs, with the tag that governs it there. */
export function findClaims(doc: ResearchDoc, quote: string): ClaimHit[] {
  const q = normalizeResearchText(quote);
  const hits: ClaimHit[] = [];
  if (q === '') return hits;
  doc.items.forEach((item, i) => {
    let from = 0;
    for (;;) {
      const at = item.text.indexOf(q, from);
      if (at < 0) break;
      hits.push({ section: item.section, tag: governingTag(doc, i, at, at + q.length), item: i });
      from = at + 1;
    }
  });
  return hits;
}
