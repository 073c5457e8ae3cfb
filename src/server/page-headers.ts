/**
 * Response headers of the dashboard's own files (aio-dash serve): a Content-Security-Policy that
 * lets the page run only the scripts, styles and worker served with it, and talk only to its own
 * server. The built index.html has no inline script (Vite writes module script tags), so
 * `script-src 'self'` holds without a nonce; the e2e tests run every page under this policy and
 * fail on any console error, a CSP violation included.
 */

/**
 * - script-src/worker-src 'self': the bundle and the ingest worker, nothing inline, no eval.
 * - style-src 'self': the bundle's CSS files (React's style props are set through the CSSOM,
 *   which CSP does not govern). style-src-attr 'unsafe-inline': Recharts measures text with a
 *   span whose style attribute it writes, and the charts' SVG carries style attributes; a style
 *   attribute cannot run script, while <style> elements and style sheets stay 'self' only.
 * - img-src data: blob:: chart export draws an SVG into an image before writing a PNG.
 * - connect-src 'self': fetch only to this server (data/, /api/).
 * - frame-ancestors 'none', base-uri 'none', form-action 'self', object-src 'none': no framing,
 *   no base rewriting, no plugin content.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self'",
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers sent with every file of the page (HTML, scripts, styles, data). */
export const PAGE_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
} as const;
