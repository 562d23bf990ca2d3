import { SECRET_QUESTIONS } from "@mgen/contracts";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../test/harness";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

describe("GET /api/secret-questions", () => {
  it("lists the fixed questions, ids and French labels", async () => {
    const res = await t.browser().get("/api/secret-questions");
    expect(res.status).toBe(200);
    expect(res.body).toEqual(SECRET_QUESTIONS.map(({ id, label }) => ({ id, label })));
    expect(res.body.length).toBeGreaterThanOrEqual(4);
  });
});

describe("GET /api/health", () => {
  it("is ok when the database answers", async () => {
    const res = await t.browser().get("/api/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok" });
  });

  it("is 503 when it does not", async () => {
    t.database.sqlite.close();
    const res = await t.browser().get("/api/health");
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe("UNAVAILABLE");
  });
});
