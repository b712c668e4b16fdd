// An SVG plot of all-Ready time against Workload count: the orchestrator's and the direct-apply run's,
// per shape, medians over the runs of each setting. Pure: bench JSON in, SVG text out.
import { median } from '@score-orchestrator/operator-sdk/bench';
import type { ScaleRun } from '../scenarios/scale.js';

/** One line of the plot: points (Workloads, seconds). */
interface Series {
  readonly label: string;
  readonly color: string;
  /** SVG `stroke-dasharray`, or undefined for a solid line. */
  readonly dash?: string;
  readonly points: readonly (readonly [number, number])[];
}

const WIDTH = 800;
const HEIGHT = 400;
const MARGIN = { left: 60, right: 330, top: 20, bottom: 45 };
const COLORS: Readonly<Record<string, string>> = { port: '#1f77b4', redis: '#d62728' };
/** The direct-apply runs' line. */
const DIRECT_DASH = '6 4';
/** Orchestrator lines at a concurrency other than the largest measured (e.g. a before/after sweep). */
const OTHER_CONCURRENCY_DASH = '2 3';

/**
 * The series of `runs`, per shape: the orchestrator's all-Ready (one line per concurrency when the runs
 * cover several, named by it) and the direct all-Available when measured (over every run of the shape: the
 * direct run does not depend on the orchestrator's settings).
 */
export function plotSeries(runs: readonly ScaleRun[]): Series[] {
  const series: Series[] = [];
  const concurrencies = [...new Set(runs.map((r) => r.setting.concurrency))].sort((a, b) => b - a);
  for (const shape of [...new Set(runs.map((r) => r.setting.shape))].sort()) {
    const ofShape = runs.filter((r) => r.setting.shape === shape);
    const color = COLORS[shape] ?? '#555';
    for (const concurrency of concurrencies) {
      const at = ofShape.filter((r) => r.setting.concurrency === concurrency);
      if (at.length === 0) continue;
      series.push({
        label: `${shape}: orchestrator all Ready${concurrencies.length > 1 ? ` (concurrency ${concurrency})` : ''}`,
        color,
        dash: concurrency === concurrencies[0] ? undefined : OTHER_CONCURRENCY_DASH,
        points: mediansBySize(at, (r) => r.allReadyMs),
      });
    }
    const direct = ofShape.filter((r) => r.direct);
    if (direct.length > 0) {
      series.push({
        label: `${shape}: direct all Available`,
        color,
        dash: DIRECT_DASH,
        points: mediansBySize(direct, (r) => r.direct!.allAvailableMs),
      });
    }
  }
  return series;
}

/** (size, median of `ms` in seconds) for each size among `runs`, by size. */
function mediansBySize(runs: readonly ScaleRun[], ms: (run: ScaleRun) => number): [number, number][] {
  const sizes = [...new Set(runs.map((r) => r.setting.size))].sort((a, b) => a - b);
  return sizes.map((size) => [size, median(runs.filter((r) => r.setting.size === size).map(ms)) / 1000]);
}

/** The SVG document for `runs` (see {@link plotSeries}). */
export function allReadyPlot(runs: readonly ScaleRun[], title: string): string {
  const series = plotSeries(runs);
  const points = series.flatMap((s) => s.points);
  const maxX = Math.max(1, ...points.map(([x]) => x));
  const maxY = Math.max(1, ...points.map(([, y]) => y)) * 1.1;
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (v: number) => MARGIN.left + (v / maxX) * plotW;
  const y = (v: number) => MARGIN.top + plotH - (v / maxY) * plotH;
  const ticks = (max: number) => Array.from({ length: 6 }, (_, i) => (max * i) / 5);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<title>${escape(title)}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<line x1="${x(0)}" y1="${y(0)}" x2="${x(maxX)}" y2="${y(0)}" stroke="black"/>`,
    `<line x1="${x(0)}" y1="${y(0)}" x2="${x(0)}" y2="${y(maxY)}" stroke="black"/>`,
  ];
  for (const t of ticks(maxX)) {
    out.push(`<text x="${x(t)}" y="${y(0) + 16}" text-anchor="middle">${Math.round(t)}</text>`);
  }
  for (const t of ticks(maxY)) {
    out.push(`<text x="${x(0) - 6}" y="${y(t) + 4}" text-anchor="end">${Math.round(t)}</text>`);
  }
  out.push(`<text x="${x(maxX / 2)}" y="${HEIGHT - 8}" text-anchor="middle">Workloads</text>`);
  out.push(
    `<text transform="translate(14 ${y(maxY / 2)}) rotate(-90)" text-anchor="middle">seconds until all Ready / Available</text>`,
  );
  series.forEach((s, i) => {
    const path = s.points.map(([px, py]) => `${x(px).toFixed(1)},${y(py).toFixed(1)}`).join(' ');
    const dash = s.dash ? ` stroke-dasharray="${s.dash}"` : '';
    out.push(`<polyline points="${path}" fill="none" stroke="${s.color}" stroke-width="2"${dash}/>`);
    for (const [px, py] of s.points) {
      out.push(`<circle cx="${x(px).toFixed(1)}" cy="${y(py).toFixed(1)}" r="3" fill="${s.color}"/>`);
    }
    const ly = MARGIN.top + 10 + i * 18;
    const lx = WIDTH - MARGIN.right + 10;
    out.push(
      `<line x1="${lx}" y1="${ly}" x2="${lx + 20}" y2="${ly}" stroke="${s.color}" stroke-width="2"${dash}/>`,
    );
    out.push(`<text x="${lx + 26}" y="${ly + 4}">${escape(s.label)}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
