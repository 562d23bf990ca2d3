import { describe, expect, it } from "vitest";
import {
  currentPasswordSchema,
  emailSchema,
  legacyIdentityRequestSchema,
  loginNirRequestSchema,
  migrationCreateRequestSchema,
  nirSchema,
  sessionStateSchema,
} from "./api";
import { isValidBirthDate } from "./birth-date";
import { emailMessage } from "./email";
import { nirMessage } from "./nir";
import { currentPasswordMessage } from "./password-rules";

describe("request schemas", () => {
  it("normalise the NIR of a sign-in", () => {
    expect(loginNirRequestSchema.parse({ nir: "1 85 02 2a 004 025 09", password: "x" })).toEqual({
      nir: "185022A00402509",
      password: "x",
    });
  });

  it("refuse a wrong key with the French key message", () => {
    const result = loginNirRequestSchema.safeParse({ nir: "2 90 08 69 123 045 12", password: "x" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["nir"]);
    expect(result.error?.issues[0]?.message).toBe(
      "La clé de contrôle ne correspond pas : vérifiez votre numéro.",
    );
  });

  it("refuse unknown fields, so no body smuggles data in", () => {
    const result = loginNirRequestSchema.safeParse({
      nir: "2 90 08 69 123 045 11",
      password: "x",
      isAdmin: true,
    });
    expect(result.success).toBe(false);
  });

  it("refuse a secret question outside the list", () => {
    const result = migrationCreateRequestSchema.safeParse({
      email: "a@b.fr",
      password: "p",
      secretQuestionId: "city-of-birth",
      secretAnswer: "Paris",
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0])).toEqual(["secretQuestionId"]);
  });

  it("take birth dates as YYYY-MM-DD real past dates", () => {
    const base = { nir: "2 90 08 69 123 045 11" };
    expect(
      legacyIdentityRequestSchema.safeParse({ ...base, birthDate: "1990-08-15" }).success,
    ).toBe(true);
    for (const birthDate of [
      "15/08/1990",
      "1990-02-30",
      "1990-13-01",
      "2999-01-01",
      "1899-12-31",
    ]) {
      expect(legacyIdentityRequestSchema.safeParse({ ...base, birthDate }).success).toBe(false);
    }
    expect(isValidBirthDate("2000-02-29")).toBe(true);
    expect(isValidBirthDate("1900-02-29")).toBe(false);
  });
});

describe("session state", () => {
  it("is one of anonymous, migration, member", () => {
    expect(sessionStateSchema.parse({ state: "anonymous" })).toEqual({ state: "anonymous" });
    expect(
      sessionStateSchema.safeParse({
        state: "migration",
        firstName: "Marie",
        step: "done",
        proposedEmail: null,
      }).success,
    ).toBe(false);
  });
});

describe("the plain checks of the SPA's first screen", () => {
  const firstMessage = (schema: typeof nirSchema | typeof emailSchema, value: string) =>
    schema.safeParse(value).error?.issues[0]?.message ?? null;
  const typed = [
    "",
    " ",
    "2 90 08 69 123 045 11",
    "2 90 08 69 123 045 12",
    "1 85 02 2a 004 025 09",
    "9 90 08 69 123 045 11",
    "2 90 08",
    "2.90-08 69\u00a0123 045-11",
    " ".repeat(70),
    "2".repeat(65),
    "a@b.fr",
    " Marie.Dupont@Example.FR ",
    "marie@",
    "jé@x.fr",
    `${"a".repeat(250)}@b.fr`,
    "@",
    "x".repeat(1025),
  ];

  it.each(typed)("say what the schemas say first about %j", (value) => {
    expect(nirMessage(value)).toBe(firstMessage(nirSchema, value));
    expect(emailMessage(value)).toBe(firstMessage(emailSchema, value));
    expect(currentPasswordMessage(value)).toBe(
      currentPasswordSchema.safeParse(value).error?.issues[0]?.message ?? null,
    );
  });
});
