/**
 * Chart export: every Recharts <svg> inside a figure is placed at its on-screen offset in one
 * standalone SVG (title on top, white background, fonts inlined as attributes); PNG is that SVG
 * drawn on a 2× canvas. No server, no html-to-image dependency.
 */
import { legendIcon, parseLegend } from './legend';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Copies the computed styles that matter for text and shapes onto the clone (CSS is not exported). */
function inlineStyles(source: Element, target: Element): void {
  const cs = window.getComputedStyle(source);
  const props = [
    'font-family',
    'font-size',
    'font-weight',
    'fill',
    'stroke',
    'stroke-width',
    'stroke-dasharray',
    'opacity',
    'fill-opacity',
    'text-anchor',
    'dominant-baseline',
  ];
  const style = props
    .map((p) => [p, cs.getPropertyValue(p)] as const)
    .filter(([, v]) => v !== '' && v !== 'normal')
    .map(([p, v]) => `${p}:${v}`)
    .join(';');
  if (style) target.setAttribute('style', style);
  const s = source.children;
  const t = target.children;
  for (let i = 0; i < s.length && i < t.length; i++) inlineStyles(s[i]!, t[i]!);
}

/** One SVG document for all chart surfaces inside `container`, with `title` above them. */
export function composeSvg(
  container: HTMLElement,
  title: string,
): { svg: string; width: number; height: number } {
  const box = container.getBoundingClientRect();
  const surfaces = Array.from(container.querySelectorAll<SVGSVGElement>('svg.recharts-surface'));
  const pad = 12;
  const titleH = 28;
  const width = Math.ceil(box.width) + pad * 2;
  const height = Math.ceil(box.height) + pad * 2 + titleH;
  const root = document.createElementNS(SVG_NS, 'svg');
  root.setAttribute('xmlns', SVG_NS);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const bg = document.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', '#ffffff');
  root.appendChild(bg);
  const text = document.createElementNS(SVG_NS, 'text');
  text.setAttribute('x', String(pad));
  text.setAttribute('y', String(pad + 16));
  text.setAttribute(
    'style',
    'font-family:system-ui,sans-serif;font-size:15px;font-weight:600;fill:#1b1f24',
  );
  text.textContent = title;
  root.appendChild(text);
  // Panel titles (HTML) of small multiples become SVG text above their surface, wrapped to the
  // width they had on screen (SVG text does not wrap by itself).
  const font = '600 12px system-ui, sans-serif';
  const measure = document.createElement('canvas').getContext('2d');
  if (measure) measure.font = font;
  for (const el of Array.from(container.querySelectorAll<HTMLElement>('[data-export-label]'))) {
    const r = el.getBoundingClientRect();
    const label = document.createElementNS(SVG_NS, 'text');
    const x = r.left - box.left + pad;
    label.setAttribute(
      'style',
      `font-family:system-ui,sans-serif;font-size:12px;font-weight:600;fill:#1b1f24`,
    );
    wrapText(
      el.dataset.exportLabel ?? el.textContent ?? '',
      r.width,
      (s) => measure?.measureText(s).width ?? s.length * 7,
    ).forEach((line, i) => {
      const tspan = document.createElementNS(SVG_NS, 'tspan');
      tspan.setAttribute('x', String(x));
      tspan.setAttribute('y', String(r.top - box.top + pad + titleH + 12 + i * 15));
      tspan.textContent = line;
      label.appendChild(tspan);
    });
    root.appendChild(label);
  }
  // HTML legends: the entry's icon (legend.ts, as drawn on screen) and its label.
  for (const el of Array.from(container.querySelectorAll<HTMLElement>('[data-export-legend]'))) {
    const r = el.getBoundingClientRect();
    let x = r.left - box.left + pad;
    const y = r.top - box.top + pad + titleH;
    for (const e of parseLegend(el.dataset.exportLegend)) {
      const icon = legendIcon(e);
      const path = document.createElementNS(SVG_NS, 'path');
      path.setAttribute('d', icon.d);
      path.setAttribute('transform', `translate(${x} ${y + 2})`);
      path.setAttribute('fill', icon.fill);
      path.setAttribute('stroke', icon.stroke);
      if (icon.strokeWidth > 0) path.setAttribute('stroke-width', String(icon.strokeWidth));
      if (icon.dash) path.setAttribute('stroke-dasharray', icon.dash);
      root.appendChild(path);
      const tx = document.createElementNS(SVG_NS, 'text');
      tx.setAttribute('x', String(x + icon.width + 4));
      tx.setAttribute('y', String(y + 12));
      tx.setAttribute('style', 'font-family:system-ui,sans-serif;font-size:12px;fill:#4a5260');
      tx.textContent = e.label;
      root.appendChild(tx);
      x += icon.width + 4 + (measure?.measureText(e.label).width ?? e.label.length * 7) + 16;
    }
  }
  for (const s of surfaces) {
    const r = s.getBoundingClientRect();
    const clone = s.cloneNode(true) as SVGSVGElement;
    inlineStyles(s, clone);
    clone.setAttribute('x', String(r.left - box.left + pad));
    clone.setAttribute('y', String(r.top - box.top + pad + titleH));
    clone.setAttribute('width', String(r.width));
    clone.setAttribute('height', String(r.height));
    root.appendChild(clone);
  }
  return { svg: new XMLSerializer().serializeToString(root), width, height };
}

/** Greedy word wrap (CJK text, which has no spaces, breaks between characters). */
export function wrapText(text: string, width: number, measure: (s: string) => number): string[] {
  const tokens =
    text.match(/[\u3000-\u9fff\uff00-\uffef]|[^\s\u3000-\u9fff\uff00-\uffef]+\s*|\s+/g) ?? [];
  const lines: string[] = [];
  let line = '';
  for (const tok of tokens) {
    if (line !== '' && measure((line + tok).trimEnd()) > width) {
      lines.push(line.trimEnd());
      line = tok.trimStart();
    } else line += tok;
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines;
}

/** Renders an SVG document to a PNG blob at `scale`× resolution. */
export function svgToPng(svg: string, width: number, height: number, scale = 2): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }));
    img.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = Math.ceil(width * scale);
      canvas.height = Math.ceil(height * scale);
      const ctx = canvas.getContext('2d');
      if (!ctx) {
        URL.revokeObjectURL(url);
        reject(new Error('no 2D canvas'));
        return;
      }
      ctx.scale(scale, scale);
      ctx.drawImage(img, 0, 0);
      URL.revokeObjectURL(url);
      canvas.toBlob(
        (b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))),
        'image/png',
      );
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('SVG could not be rendered'));
    };
    img.src = url;
  });
}
