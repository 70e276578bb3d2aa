/**
 * One figure of `npm run bench`: its value, the raw baseline measured in the same run (when the goal
 * is relative), and the goal. Written to bench/results.json (or --json <path>), one key per figure,
 * so a later run can be compared.
 */
export interface Figure {
  label: string;
  value: number;
  unit: string;
  baseline?: { label: string; value: number; unit: string };
  /** value / baseline (or baseline / value for rates, so that "≤ 2×" and "≥ 0.9×" read naturally). */
  ratio?: number;
  goal: string;
  met: boolean | null;
  detail?: Record<string, number | string>;
}

export type Report = (key: string, figure: Figure) => void;

export function createReport(): { report: Report; figures: Record<string, Figure> } {
  const figures: Record<string, Figure> = {};
  return {
    figures,
    report(key, figure) {
      figures[key] = figure;
      const base = figure.baseline
        ? `   raw: ${fmt(figure.baseline.value, figure.baseline.unit)} (${figure.baseline.label})`
        : '';
      const ratio = figure.ratio === undefined ? '' : `   ratio ${figure.ratio.toFixed(2)}×`;
      const met = figure.met === null ? '' : figure.met ? '   goal met' : '   GOAL NOT MET';
      console.log(`${figure.label}: ${fmt(figure.value, figure.unit)}${base}${ratio}   [goal ${figure.goal}]${met}`);
      if (figure.detail) console.log(`    ${JSON.stringify(figure.detail)}`);
    },
  };
}

function fmt(value: number, unit: string): string {
  if (unit === 'ms') return value < 1 ? `${(value * 1000).toFixed(0)} µs` : `${value.toFixed(2)} ms`;
  return `${Number.isInteger(value) ? value : value.toFixed(2)} ${unit}`;
}
