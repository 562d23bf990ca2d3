import { ERROR_MESSAGES } from "@mgen/contracts";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../lib/api";
import { MISSING_TOKEN } from "../../lib/link-token";
import { CANCEL_LINK_INVALID, CANCEL_TITLES, cancelView } from "./cancel-outcome";

const cancelled = { status: "cancelled" as const, message: "La demande a été annulée." };

describe("cancelView", () => {
  it("waits for the member's click before sending the link (a mail scanner spends nothing)", () => {
    expect(cancelView("t", false, undefined, null)).toEqual({ kind: "ready" });
    expect(CANCEL_TITLES.ready).toBe("Demande de changement d'identifiant");
  });

  it("waits while the request is sent, then says it is cancelled", () => {
    expect(cancelView("t", true, undefined, null)).toEqual({ kind: "sending" });
    expect(cancelView("t", true, cancelled, null)).toEqual({ kind: "cancelled" });
    expect(CANCEL_TITLES.cancelled).toBe("La demande est annulée");
  });

  it("calls a spent, replaced or expired link no longer valid, without asking for a new one", () => {
    const view = cancelView(
      "t",
      true,
      undefined,
      new ApiError(400, "TOKEN_INVALID", ERROR_MESSAGES.TOKEN_INVALID),
    );
    expect(view).toEqual({ kind: "invalid", message: CANCEL_LINK_INVALID });
    expect(CANCEL_LINK_INVALID).not.toMatch(/Demandez/);
    expect(CANCEL_TITLES.invalid).toBe("Ce lien n'est plus valable");
  });

  it("treats a missing or malformed token as a link cut short, without a button to press", () => {
    expect(cancelView("", false, undefined, null)).toEqual({
      kind: "invalid",
      message: MISSING_TOKEN,
    });
    expect(
      cancelView("t", true, undefined, new ApiError(400, "VALIDATION_ERROR", "Lien incomplet.")),
    ).toEqual({ kind: "invalid", message: MISSING_TOKEN });
  });

  it("keeps the server's message for anything else, with the wait a throttle names", () => {
    expect(
      cancelView(
        "t",
        true,
        undefined,
        new ApiError(429, "RATE_LIMITED", ERROR_MESSAGES.RATE_LIMITED, undefined, 30),
      ),
    ).toEqual({
      kind: "failed",
      message: ERROR_MESSAGES.RATE_LIMITED,
      hint: "Vous pourrez réessayer dans 30 secondes.",
    });
    expect(
      cancelView("t", true, undefined, new ApiError(0, "INTERNAL", "Connexion impossible.")),
    ).toEqual({ kind: "failed", message: "Connexion impossible.", hint: null });
  });
});
