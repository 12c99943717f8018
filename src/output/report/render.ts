import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * Renders a Vega-Lite spec to SVG text with vega's own SVG renderer, headless (no browser, no canvas). Element
 * ids (clip paths, gradients) get `idPrefix` so that many charts can sit in one HTML page without their ids
 * colliding.
 */
export async function renderSvg(spec: TopLevelSpec, idPrefix: string): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none', logLevel: 0 });
  try {
    const svg = await view.toSVG();
    return prefixIds(roundCoordinates(svg), idPrefix);
  } finally {
    view.finalize();
  }
}

/** Prefixes every `id="…"` and its `url(#…)` / `href="#…"` references. */
export function prefixIds(svg: string, prefix: string): string {
  return svg
    .replace(/\bid="([^"]+)"/g, (_m, id: string) => `id="${prefix}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_m, id: string) => `url(#${prefix}-${id})`)
    .replace(/href="#([^"]+)"/g, (_m, id: string) => `href="#${prefix}-${id}"`);
}

/**
 * Rounds the numbers inside attribute values (coordinates, paths, transforms) to 2 decimals: a hundredth of a pixel
 * is invisible, and vega writes up to 15 digits (7.999999999999986), which doubles a chart's size. Text content
 * (tick labels, titles) is left as it is.
 */
export function roundCoordinates(svg: string): string {
  return svg.replace(/="([^"]*)"/g, (_m, value: string) => `="${value.replace(/-?\d+\.\d{3,}/g, (x) => String(Number(Number(x).toFixed(2))))}"`);
}
