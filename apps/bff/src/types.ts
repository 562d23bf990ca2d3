import type pino from "pino";
import type { SessionView } from "./domain/sessions";
import type { Session } from "./store/rows";
import type { StaffSessionView } from "./store/staff";

/** Hono's context variables for every request. */
export type AppEnv = {
  Variables: {
    requestId: string;
    logger: pino.Logger;
    /** The live session of the request's cookie, if any (set by the session middleware). */
    session: Session | null;
    /** The same session with its Espace and identity address, read in the same statement. */
    sessionView: SessionView | null;
    /**
     * The device token of a device cookie whose signature holds (SPEC "Locks"), null
     * without one; undefined until a route asks (`callerOf` checks the cookie then).
     */
    device: string | null | undefined;
    /** The live staff session of the staff cookie, on /api/staff/* only. */
    staffView: StaffSessionView | null;
  };
};
