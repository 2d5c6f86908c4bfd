import * as vega from 'vega';

/** Renders a Vega spec to an SVG string headlessly (no DOM, no canvas). */
export async function renderSvg(spec: vega.Spec): Promise<string> {
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
