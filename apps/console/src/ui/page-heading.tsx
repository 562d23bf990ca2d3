import { type ReactNode, useEffect, useRef } from "react";
import { useLocation } from "react-router";

/**
 * The page's h1. After a navigation inside the console it takes the focus, so that a
 * screen reader announces the new page and the keyboard starts from it; the first page
 * of a visit (its location key is "default") is left as the browser shows it. A page
 * that changes what it shows without a navigation passes a new `focusKey` for each of
 * its states, and the heading takes the focus again.
 */
export function PageHeading({ children, focusKey }: { children: ReactNode; focusKey?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { key } = useLocation();
  const initialFocusKey = useRef(focusKey);
  useEffect(() => {
    if (key === "default" && focusKey === initialFocusKey.current) return;
    ref.current?.focus();
  }, [key, focusKey]);
  return (
    <h1 className="page-title" ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}
