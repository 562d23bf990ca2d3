import { type ReactNode, useEffect, useRef } from "react";
import { useLocation } from "react-router";
import { hasNavigated, sectionOf } from "../lib/navigation";
import { useFocusOnChange } from "../lib/use-focus-on-change";

/**
 * The page's h1. After a navigation inside the SPA it takes the focus, so that a screen
 * reader announces the new page and the keyboard starts from it; when the address
 * names a section (#compte-bloque), that section takes the focus instead. A page that
 * changes what it shows without a navigation (a link checked, a form sent) passes a new
 * `focusKey` for each of its states, and the heading takes the focus again.
 */
export function PageHeading({ children, focusKey }: { children: ReactNode; focusKey?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useFocusOnChange(ref, focusKey ?? "");
  const { key, hash } = useLocation();
  useEffect(() => {
    const section = sectionOf(hash);
    // The page the visit starts on: the browser already starts at its top. Coming back to
    // it later is a navigation like any other.
    if (key === "default" && !section && !hasNavigated()) return;
    // The layout has already put the page in place (top, or where back/forward left it):
    // the heading takes the focus without moving it; a section is brought into view.
    if (section) section.focus();
    else ref.current?.focus({ preventScroll: true });
  }, [key, hash]);
  return (
    <h1 className="page-title" ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}
