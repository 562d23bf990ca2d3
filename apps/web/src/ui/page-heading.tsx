import { type ReactNode, useEffect, useRef } from "react";
import { useLocation } from "react-router";

/**
 * The page's h1. After a navigation inside the SPA it takes the focus, so that a screen
 * reader announces the new page and the keyboard starts from it; when the address
 * names a section (#compte-bloque), that section takes the focus instead.
 */
export function PageHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { key, hash } = useLocation();
  useEffect(() => {
    // "default" is the page the visit started on: the browser already starts at its top.
    if (key === "default" && !hash) return;
    const section = hash ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
    (section ?? ref.current)?.focus();
  }, [key, hash]);
  return (
    <h1 className="page-title" ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}
