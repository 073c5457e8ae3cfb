import { useEffect, useId, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useI18n } from '../../shared/i18n/i18n';
import { downloadBlob } from '../../shared/download';
import { composeSvg, svgToPng } from './export-chart';

/** Width of an element, tracked with a ResizeObserver (charts get explicit pixel sizes). */
export function useWidth<T extends HTMLElement>(): [React.RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver((entries) => {
      const w = Math.floor(entries[0]?.contentRect.width ?? 0);
      setWidth((prev) => (Math.abs(prev - w) > 1 ? w : prev));
    });
    ro.observe(el);
    setWidth(Math.floor(el.getBoundingClientRect().width));
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

/**
 * A chart as a figure: title, controls, the chart, a text summary (the figure's accessible
 * description, visible to everyone) and PNG/SVG export of exactly what is drawn.
 */
export function ChartCard({
  id,
  title,
  summary,
  controls,
  children,
}: {
  id: string;
  title: string;
  summary: string;
  controls?: ReactNode;
  children: (width: number) => ReactNode;
}) {
  const { t } = useI18n();
  const uid = useId();
  const [bodyRef, width] = useWidth<HTMLDivElement>();
  const fileBase = `aio-dash-${id}`;
  const exportAs = async (format: 'svg' | 'png') => {
    const el = bodyRef.current;
    if (!el) return;
    const { svg, width: w, height: h } = composeSvg(el, title);
    if (format === 'svg')
      downloadBlob(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }), `${fileBase}.svg`);
    else downloadBlob(await svgToPng(svg, w, h), `${fileBase}.png`);
  };
  return (
    <figure
      className="chart-card"
      role="figure"
      aria-labelledby={`${uid}-t`}
      aria-describedby={`${uid}-d`}
      data-testid={`chart-${id}`}
    >
      <div className="chart-head">
        <h3 id={`${uid}-t`}>{title}</h3>
        <div className="chart-tools">
          {controls}
          <button
            type="button"
            className="btn btn-small"
            onClick={() => void exportAs('png')}
            aria-label={t('charts.export', { title, format: 'PNG' })}
          >
            ⤓ {t('charts.exportPng')}
          </button>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => void exportAs('svg')}
            aria-label={t('charts.export', { title, format: 'SVG' })}
          >
            ⤓ {t('charts.exportSvg')}
          </button>
        </div>
      </div>
      <div className="chart-body" ref={bodyRef}>
        {width > 0 ? children(width) : null}
      </div>
      <figcaption id={`${uid}-d`} className="chart-summary">
        {summary}
      </figcaption>
    </figure>
  );
}
