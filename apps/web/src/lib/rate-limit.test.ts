import { ERROR_MESSAGES } from "@mgen/contracts";
import { describe, expect, it } from "vitest";
import { ApiError } from "./api";
import { retryHint } from "./rate-limit";

const limited = (message: string, retryAfter?: number) =>
  new ApiError(429, "RATE_LIMITED", message, undefined, retryAfter);

describe("retryHint", () => {
  it("names the wait of a throttled request", () => {
    expect(retryHint(limited(ERROR_MESSAGES.RATE_LIMITED, 42), "un email")).toBe(
      "Vous pourrez redemander un email dans 42 secondes.",
    );
    expect(retryHint(limited(ERROR_MESSAGES.RATE_LIMITED, 600), "un lien")).toBe(
      "Vous pourrez redemander un lien dans 10 minutes.",
    );
  });

  it("without a thing to ask again, says when to try again", () => {
    expect(retryHint(limited(ERROR_MESSAGES.RATE_LIMITED, 30))).toBe(
      "Vous pourrez réessayer dans 30 secondes.",
    );
  });

  it("says nothing when the server's own message already names the wait", () => {
    expect(
      retryHint(limited("Vous pourrez en demander un autre dans 60 secondes.", 60), "un email"),
    ).toBeNull();
  });

  it("says nothing without a delay, or for another error", () => {
    expect(retryHint(limited(ERROR_MESSAGES.RATE_LIMITED), "un email")).toBeNull();
    expect(retryHint(new ApiError(500, "INTERNAL", "x", undefined, 5), "un email")).toBeNull();
    expect(retryHint(null, "un email")).toBeNull();
  });
});
