import { ERROR_MESSAGES, sessionStateSchema } from "@mgen/contracts";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, api, NETWORK_MESSAGE, parseRetryAfter } from "./api";

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json" },
  });
}

function stubFetch(answer: Response | Error) {
  const fetchMock = vi.fn(async () => {
    if (answer instanceof Error) throw answer;
    return answer;
  });
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("api client", () => {
  it("sends JSON with same-origin credentials and returns the validated body", async () => {
    const fetchMock = stubFetch(
      jsonResponse(200, { state: "member", firstName: "Marie", email: "m@x.fr" }),
    );

    const session = await api.post(
      "/api/login/email",
      { email: "m@x.fr", password: "p" },
      sessionStateSchema,
    );

    expect(session).toEqual({ state: "member", firstName: "Marie", email: "m@x.fr" });
    const [path, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(path).toBe("/api/login/email");
    expect(init.method).toBe("POST");
    expect(init.credentials).toBe("same-origin");
    expect(init.headers).toMatchObject({ "Content-Type": "application/json" });
    expect(JSON.parse(String(init.body))).toEqual({ email: "m@x.fr", password: "p" });
  });

  it("sends no body and no Content-Type on GET", async () => {
    const fetchMock = stubFetch(jsonResponse(200, { state: "anonymous" }));

    await api.get("/api/session", sessionStateSchema);

    const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(init.body).toBeUndefined();
    expect(init.headers).not.toHaveProperty("Content-Type");
  });

  it("posts an empty object when the route reads nothing", async () => {
    const fetchMock = stubFetch(new Response(null, { status: 204 }));

    await expect(api.post("/api/logout")).resolves.toBeUndefined();
    const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(init.body).toBe("{}");
  });

  it("throws the envelope of a non-2xx answer, fields included", async () => {
    stubFetch(
      jsonResponse(400, {
        error: {
          code: "VALIDATION_ERROR",
          message: "Corrigez les champs.",
          fields: { nir: "La clé ne correspond pas." },
        },
      }),
    );

    const error = await caught(api.post("/api/login/nir", { nir: "x", password: "y" }));

    expect(error.status).toBe(400);
    expect(error.code).toBe("VALIDATION_ERROR");
    expect(error.message).toBe("Corrigez les champs.");
    expect(error.fields).toEqual({ nir: "La clé ne correspond pas." });
  });

  it("reads how long to wait from the Retry-After header of a 429", async () => {
    stubFetch(
      new Response(
        JSON.stringify({ error: { code: "RATE_LIMITED", message: "Patientez un moment." } }),
        { status: 429, headers: { "Content-Type": "application/json", "Retry-After": "42" } },
      ),
    );

    const error = await caught(api.post("/api/migration/resend"));

    expect(error.code).toBe("RATE_LIMITED");
    expect(error.retryAfter).toBe(42);
  });

  it("has no delay when the answer names none", async () => {
    stubFetch(jsonResponse(429, { error: { code: "RATE_LIMITED", message: "Patientez." } }));

    const error = await caught(api.post("/api/migration/resend"));

    expect(error.retryAfter).toBeUndefined();
  });

  it("falls back to INTERNAL when the body is not the envelope", async () => {
    stubFetch(new Response("<html>oops</html>", { status: 500 }));

    const error = await caught(api.get("/api/session", sessionStateSchema));

    expect(error.code).toBe("INTERNAL");
    expect(error.message).toBe(ERROR_MESSAGES.INTERNAL);
  });

  it("says the service is unavailable when a gateway answers", async () => {
    stubFetch(new Response("Bad gateway", { status: 502 }));

    const error = await caught(api.get("/api/session", sessionStateSchema));

    expect(error.code).toBe("UNAVAILABLE");
    expect(error.status).toBe(502);
  });

  it("turns a network failure into a French 'Connexion impossible' error", async () => {
    stubFetch(new TypeError("Failed to fetch"));

    const error = await caught(api.get("/api/session", sessionStateSchema));

    expect(error.status).toBe(0);
    expect(error.code).toBe("INTERNAL");
    expect(error.message).toBe(NETWORK_MESSAGE);
    expect(error.message).toMatch(/^Connexion impossible/);
  });

  it("rejects a 2xx body that does not match the response schema", async () => {
    stubFetch(jsonResponse(200, { state: "somebody-else" }));

    const error = await caught(api.get("/api/session", sessionStateSchema));

    expect(error.code).toBe("INTERNAL");
  });
});

describe("api client on the first screen (schemas in the answers chunk, ADR 012)", () => {
  it("checks a 2xx body with the schema it picks from the answers", async () => {
    stubFetch(jsonResponse(200, { state: "anonymous" }));

    await expect(api.get("/api/session", (answers) => answers.sessionStateSchema)).resolves.toEqual(
      { state: "anonymous" },
    );
  });

  it("still rejects a 2xx body that does not match", async () => {
    stubFetch(jsonResponse(200, { state: "somebody-else" }));

    const error = await caught(api.get("/api/session", (answers) => answers.sessionStateSchema));

    expect(error.code).toBe("INTERNAL");
    expect(error.message).toBe(ERROR_MESSAGES.INTERNAL);
  });

  describe("when the answers chunk cannot be fetched", () => {
    async function apiWithoutAnswers() {
      vi.resetModules();
      vi.doMock("./answers", () =>
        Promise.reject(new TypeError("Failed to fetch dynamically imported module")),
      );
      return import("./api");
    }

    afterEach(() => {
      vi.doUnmock("./answers");
      vi.resetModules();
    });

    it("says 'Connexion impossible' instead of checking a 2xx body", async () => {
      const fresh = await apiWithoutAnswers();
      stubFetch(jsonResponse(200, { state: "anonymous" }));

      const error = await fresh.api
        .get("/api/session", (answers) => answers.sessionStateSchema)
        .catch((e: unknown) => e);

      expect(error).toBeInstanceOf(fresh.ApiError);
      expect((error as Error).message).toBe(NETWORK_MESSAGE);
    });

    it("says 'Connexion impossible' for an error it cannot read", async () => {
      const fresh = await apiWithoutAnswers();

      const error = await fresh.errorFromResponse(
        new Response("<html>oops</html>", { status: 500 }),
      );

      expect(error.code).toBe("INTERNAL");
      expect(error.message).toBe(NETWORK_MESSAGE);
    });
  });
});

describe("parseRetryAfter", () => {
  it("reads a number of seconds", () => {
    expect(parseRetryAfter("120")).toBe(120);
    expect(parseRetryAfter(" 0 ")).toBe(0);
  });

  it("reads an HTTP date as the seconds left until then, never negative", () => {
    const now = Date.parse("2026-11-26T09:30:00Z");
    expect(parseRetryAfter("Thu, 26 Nov 2026 09:31:30 GMT", now)).toBe(90);
    expect(parseRetryAfter("Thu, 26 Nov 2026 09:00:00 GMT", now)).toBe(0);
  });

  it("ignores a missing or unreadable value", () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter("")).toBeUndefined();
    expect(parseRetryAfter("-5")).toBeUndefined();
    expect(parseRetryAfter("bientôt")).toBeUndefined();
  });
});
