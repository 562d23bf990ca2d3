import { asc, eq } from "drizzle-orm";
import { preparedOnce } from "../db/client";
import { type ResetRequestKind, resetRequests } from "../db/schema";
import { findIdentityByEmail, nirDigests } from "./accounts";
import { sendConnectResetLink } from "./connect-reset";
import { type Caller, type DomainContext, inTransaction } from "./context";
import { answerLegacyRequest } from "./legacy-reset";

/**
 * Forgotten-password and unlock requests (SPEC D) and MGEN Connect reset requests (F)
 * are answered in the background (ADR 011). The route does one thing, identical for
 * every request: it inserts the request and answers 202 with the neutral message. The
 * dispatcher's worker, woken once the answer is on its way, takes each row in its own
 * transaction: it deletes the row, looks the account up and sends what is due. Neither
 * the answer, nor its body, nor its timing depends on who the data belong to.
 */

export type ResetRequest =
  | { kind: Exclude<ResetRequestKind, "connect">; nir: string; birthDate: string }
  | { kind: "connect"; email: string };

export function takeResetRequest(ctx: DomainContext, caller: Caller, request: ResetRequest): void {
  const identified =
    request.kind === "connect"
      ? { email: request.email }
      : { nirHashes: nirDigests(ctx, request.nir).join(","), birthDate: request.birthDate };
  ctx.db
    .insert(resetRequests)
    .values({
      kind: request.kind,
      ...identified,
      requestId: caller.requestId ?? "",
      client: caller.client ?? "",
      createdAt: ctx.now(),
    })
    .run();
}

/** Is anything queued? A read, so that an empty queue costs no write transaction. */
const anyRequest = preparedOnce((db) =>
  db.select({ id: resetRequests.id }).from(resetRequests).limit(1).prepare(),
);

/** Answers the queued requests, each in its own transaction; returns how many. */
export function answerResetRequests(ctx: DomainContext): number {
  let answered = 0;
  while (anyRequest(ctx.db).get()) {
    const took = inTransaction(ctx, (tx) => {
      const request = tx.select().from(resetRequests).orderBy(asc(resetRequests.id)).limit(1).get();
      if (!request) return false;
      tx.delete(resetRequests).where(eq(resetRequests.id, request.id)).run();
      const caller: Caller = { requestId: request.requestId, client: request.client, device: null };
      if (request.kind === "connect") {
        const identity = request.email ? findIdentityByEmail(ctx, request.email) : undefined;
        if (identity) sendConnectResetLink(ctx, tx, caller, identity, "requested");
      } else {
        answerLegacyRequest(ctx, tx, caller, {
          kind: request.kind,
          nirDigests: (request.nirHashes ?? "").split(","),
          birthDate: request.birthDate ?? "",
        });
      }
      return true;
    });
    if (!took) break;
    answered++;
  }
  return answered;
}
