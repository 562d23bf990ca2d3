import { type RefObject, useEffect, useRef } from "react";

/** Focuses `ref` each time `key` changes (not on the first render): a new step of a page. */
export function useFocusOnChange(ref: RefObject<HTMLElement | null>, key: string): void {
  const previous = useRef(key);
  useEffect(() => {
    if (previous.current === key) return;
    previous.current = key;
    ref.current?.focus();
  }, [key, ref]);
}
