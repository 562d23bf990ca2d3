import type { ResetRequestKind } from "../db/vocabulary";
import { anyResetRequest, insertResetRequest, takeOldest } from "../store/reset-requests";
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
 * the answer, nor its body, nor its timing depends on who the data belong to. With
 * several instances, each row is taken by one (SKIP LOCKED on PostgreSQL).
 */

export type ResetRequest =
  | { kind: Exclude<ResetRequestKind, "connect">; nir: string; birthDate: string }
  | { kind: "connect"; email: string };

export async function takeResetRequest(
  ctx: DomainContext,
  caller: Caller,
  request: ResetRequest,
): Promise<void> {
  await insertResetRequest(ctx.db, {
    kind: request.kind,
    nirHashes: request.kind === "connect" ? null : nirDigests(ctx, request.nir).join(","),
    birthDate: request.kind === "connect" ? null : request.birthDate,
    email: request.kind === "connect" ? request.email : null,
    requestId: caller.requestId ?? "",
    client: caller.client ?? "",
    createdAt: ctx.now(),
  });
  ctx.workQueued();
}

/** Answers the queued requests, each in its own transaction; returns how many. */
export async function answerResetRequests(ctx: DomainContext): Promise<number> {
  let answered = 0;
  while (await anyResetRequest(ctx.db)) {
    const took = await inTransaction(ctx, async (tx) => {
      const request = await takeOldest(tx);
      if (!request) return false;
      const caller: Caller = { requestId: request.requestId, client: request.client, device: null };
      if (request.kind === "connect") {
        const identity = request.email
          ? await findIdentityByEmail(ctx, request.email, tx)
          : undefined;
        if (identity) await sendConnectResetLink(ctx, tx, caller, identity, "requested");
      } else {
        await answerLegacyRequest(ctx, tx, caller, {
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
