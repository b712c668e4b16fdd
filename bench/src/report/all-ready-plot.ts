// An SVG plot of all-Ready time against Workload count: the orchestrator's and the direct-apply run's,
// per shape, medians over the runs of each setting. Pure: bench JSON in, SVG text out.
import { median } from '@score-orchestrator/operator-sdk/bench';
import type { ScaleRun } from '../scenarios/scale.js';

/** One line of the plot: points (Workloads, seconds). */
interface Series {
  readonly label: string;
  readonly color: string;
  readonly dashed: boolean;
  readonly points: readonly (readonly [number, number])[];
}

const WIDTH = 640;
const HEIGHT = 400;
const MARGIN = { left: 60, right: 170, top: 20, bottom: 45 };
const COLORS: Readonly<Record<string, string>> = { port: '#1f77b4', redis: '#d62728' };

/** The series of `runs`: per shape, the orchestrator's all-Ready and the direct all-Available (when measured). */
export function plotSeries(runs: readonly ScaleRun[]): Series[] {
  const series: Series[] = [];
  for (const shape of [...new Set(runs.map((r) => r.setting.shape))].sort()) {
    const sizes = [...new Set(runs.filter((r) => r.setting.shape === shape).map((r) => r.setting.size))].sort(
      (a, b) => a - b,
    );
    const at = (size: number) => runs.filter((r) => r.setting.shape === shape && r.setting.size === size);
    const color = COLORS[shape] ?? '#555';
    series.push({
      label: `${shape}: orchestrator all Ready`,
      color,
      dashed: false,
      points: sizes.map((size) => [size, median(at(size).map((r) => r.allReadyMs)) / 1000] as const),
    });
    const direct = sizes.filter((size) => at(size).some((r) => r.direct));
    if (direct.length > 0) {
      series.push({
        label: `${shape}: direct all Available`,
        color,
        dashed: true,
        points: direct.map(
          (size) =>
            [
              size,
              median(at(size).flatMap((r) => (r.direct ? [r.direct.allAvailableMs] : []))) / 1000,
            ] as const,
        ),
      });
    }
  }
  return series;
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
    const dash = s.dashed ? ' stroke-dasharray="6 4"' : '';
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
