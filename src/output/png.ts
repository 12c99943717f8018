import { Resvg } from '@resvg/resvg-js';

/**
 * Rasterises SVG to PNG with resvg, `scale` pixels per SVG unit, on white. Text is drawn with the system's
 * fonts (DejaVu Sans on Debian, package fonts-dejavu-core): without a font resvg would drop the text silently.
 */
export function svgToPng(svg: string, scale = 2): Buffer {
  const resvg = new Resvg(svg, {
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    logLevel: 'off',
  });
  return resvg.render().asPng();
}
