import * as Plot from "@observablehq/plot";
import { type RefObject, useEffect, useLayoutEffect, useRef, useState } from "react";

/** What a chart is drawn for: its container's width and text size, in CSS pixels. */
export type ChartSize = { width: number; fontSize: number };
export type ChartOptions = (size: ChartSize) => Plot.PlotOptions;

/** Narrower than this, the chart would be unreadable: the page scrolls instead. */
const MIN_WIDTH = 280;
const DEFAULT_FONT_SIZE = 13;

/**
 * A chart drawn by Observable Plot as SVG, as wide as its container, drawn again when
 * its options (memoised by the caller on the data) or the container's width change.
 * Screen readers read it as one image described by `label`; the table beside it gives
 * every figure.
 */
export function PlotChart({ label, options }: { label: string; options: ChartOptions }) {
  const ref = useRef<HTMLDivElement>(null);
  const size = useContainerSize(ref);

  useEffect(() => {
    const container = ref.current;
    if (!container || !size) return;
    const chart = Plot.plot(options(size));
    const svg = chart instanceof SVGSVGElement ? chart : chart.querySelector("svg");
    if (svg) {
      // Plot adds a <style> element that the console's CSP (style-src 'self') would
      // refuse; cockpit.css carries the same rules.
      for (const style of svg.querySelectorAll(":scope > style")) style.remove();
      // One image for assistive technology: Plot labels its inner groups too, which
      // axe refuses inside role="img" (aria-prohibited-attr); the table gives the figures.
      for (const labelled of svg.querySelectorAll("[aria-label]")) {
        labelled.removeAttribute("aria-label");
      }
      svg.setAttribute("role", "img");
      svg.setAttribute("aria-label", label);
    }
    container.replaceChildren(chart);
    return () => chart.remove();
  }, [options, size, label]);

  return <div className="chart" ref={ref} />;
}

/**
 * The container's width (at least MIN_WIDTH) and font size, followed with a
 * ResizeObserver where there is one (jsdom has none: tests draw at MIN_WIDTH).
 */
function useContainerSize(ref: RefObject<HTMLDivElement | null>): ChartSize | null {
  const [size, setSize] = useState<ChartSize | null>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => {
      const width = Math.max(MIN_WIDTH, Math.floor(element.clientWidth));
      const fontSize = Number.parseFloat(getComputedStyle(element).fontSize) || DEFAULT_FONT_SIZE;
      setSize((before) =>
        before?.width === width && before.fontSize === fontSize ? before : { width, fontSize },
      );
    };
    measure();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}
