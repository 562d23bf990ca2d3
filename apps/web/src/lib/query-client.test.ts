import { describe, expect, it } from "vitest";
import { ApiError } from "./api";
import { shouldRetry } from "./query-client";

describe("shouldRetry", () => {
  it("never asks again after a 4xx: the answer would not change", () => {
    expect(shouldRetry(0, new ApiError(401, "UNAUTHENTICATED", "x"))).toBe(false);
    expect(shouldRetry(0, new ApiError(404, "NOT_FOUND", "x"))).toBe(false);
  });

  it("retries a network or server failure twice", () => {
    const offline = new ApiError(0, "INTERNAL", "Connexion impossible");
    expect(shouldRetry(0, offline)).toBe(true);
    expect(shouldRetry(1, new ApiError(503, "UNAVAILABLE", "x"))).toBe(true);
    expect(shouldRetry(2, offline)).toBe(false);
  });
});
