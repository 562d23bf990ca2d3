import { Alert } from "@mgen/ui/messages";
import { type ReactNode, useEffect, useRef } from "react";

/**
 * An Alert that comes into view with the keyboard focus as it appears: for a refusal
 * shown above a long form, far from the button the member has just pressed. (Its own
 * module: the sign-in page, in the first download, has no use for it.)
 */
export function FocusedAlert({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1}>
      <Alert>{children}</Alert>
    </div>
  );
}
