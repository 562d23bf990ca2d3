import * as Plot from "@observablehq/plot";
import { formatCount, formatTickDay } from "./format";
import type { ChartOptions } from "./plot-chart";

/**
 * The cockpit's two kinds of chart, as Plot options for a given size. Labels are written
 * on the chart next to their bar or curve, never in a legend of colours, and in the
 * chart's own lines rather than on an axis that a 360 px screen could not hold.
 */

/** --color-primary: 9:1 on white, far above the 3:1 a graphic needs (WCAG 1.4.11). */
const INK = "var(--color-primary)";
const BAR_HEIGHT = 18;
const LINE_HEIGHT = 1.25;
/** Plot wraps text in ems; about two characters fit in one (Plot's documentation). */
const CHARS_PER_EM = 1.8;
const MARGIN_X = 16;
const AXIS_HEIGHT = 40;

export type Bar = { label: string; count: number; text: string };

/** Ticks for `width` px: about one every 90 px, at least two. */
function tickCount(width: number): number {
  return Math.max(2, Math.floor(width / 90));
}

/**
 * Horizontal bars in the given order, each with its text (label and figure) above it,
 * wrapped to the chart's width; the x axis counts `unit`.
 */
export function barsChart(bars: Bar[], unit: string) {
  const chart: ChartOptions = ({ width, fontSize }) => {
    const ems = (width - 2 * MARGIN_X) / fontSize;
    const longest = Math.max(1, ...bars.map((bar) => bar.text.length));
    const lines = Math.ceil(longest / (ems * CHARS_PER_EM));
    const labelSpace = Math.ceil(lines * fontSize * LINE_HEIGHT + 6);
    const step = BAR_HEIGHT + labelSpace;
    return {
      width,
      height: labelSpace + bars.length * step - labelSpace + AXIS_HEIGHT,
      marginTop: labelSpace,
      marginLeft: MARGIN_X,
      marginRight: MARGIN_X * 2,
      marginBottom: AXIS_HEIGHT,
      x: {
        label: unit,
        labelArrow: "none",
        labelAnchor: "right",
        grid: true,
        nice: true,
        ticks: tickCount(width),
        tickFormat: formatCount,
      },
      y: {
        axis: null,
        domain: bars.map((bar) => bar.label),
        paddingInner: labelSpace / step,
        paddingOuter: 0,
        round: false,
      },
      marks: [
        Plot.barX(bars, { x: "count", y: "label", fill: INK }),
        Plot.ruleX([0]),
        Plot.text(bars, {
          y: "label",
          text: "text",
          frameAnchor: "left",
          textAnchor: "start",
          lineAnchor: "bottom",
          lineWidth: ems,
          lineHeight: LINE_HEIGHT,
          dy: -(BAR_HEIGHT / 2 + 4),
        }),
      ],
    };
  };
  return chart;
}

export type Series = { label: string; points: { date: Date; count: number }[] };

/**
 * One small panel per series, one above the other on the same scales, each named above
 * its curve: shapes compare at a glance, with no colour to tell them apart.
 */
export function seriesChart(series: Series[]) {
  const rows = series.flatMap(({ label, points }) => points.map((point) => ({ label, ...point })));
  const labels = series.map((s) => s.label);
  const days = new Set(rows.map((row) => row.date.getTime())).size;
  const largest = Math.max(0, ...rows.map((row) => row.count));

  const chart: ChartOptions = ({ width, fontSize }) => {
    const panel = 72;
    const labelSpace = Math.ceil(fontSize * LINE_HEIGHT + 8);
    const ticks = tickCount(width);
    return {
      width,
      height: labelSpace + series.length * (panel + labelSpace) - labelSpace + AXIS_HEIGHT,
      marginTop: labelSpace,
      // Room for the y ticks ("12 345", one more digit once rounded up), which Plot
      // would measure at its own 10 px.
      marginLeft: Math.ceil((formatCount(largest).length + 1) * fontSize * 0.6) + 8,
      marginRight: MARGIN_X * 2,
      marginBottom: AXIS_HEIGHT,
      fy: {
        axis: null,
        domain: labels,
        paddingInner: labelSpace / (panel + labelSpace),
        paddingOuter: 0,
      },
      x: {
        type: "utc",
        label: null,
        // Never two ticks on one day when there are few days.
        ticks: days - 1 <= ticks ? "day" : ticks,
        tickFormat: formatTickDay,
      },
      y: { label: null, grid: true, nice: true, ticks: 2, tickFormat: formatCount },
      marks: [
        Plot.ruleY([0]),
        Plot.lineY(rows, { x: "date", y: "count", fy: "label", stroke: INK, strokeWidth: 2 }),
        Plot.dot(rows, { x: "date", y: "count", fy: "label", fill: INK, r: 2.5 }),
        Plot.text(labels, {
          fy: (label: string) => label,
          text: (label: string) => label,
          frameAnchor: "top-left",
          textAnchor: "start",
          lineAnchor: "bottom",
          dy: -6,
          fontWeight: 600,
        }),
      ],
    };
  };
  return chart;
}
