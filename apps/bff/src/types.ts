import type pino from "pino";
import type { Session } from "./db/schema";

/** Hono's context variables for every request. */
export type AppEnv = {
  Variables: {
    requestId: string;
    logger: pino.Logger;
    /** The live session of the request's cookie, if any (set by the session middleware). */
    session: Session | null;
  };
};
