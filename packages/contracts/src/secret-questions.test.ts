import { describe, expect, it } from "vitest";
import { secretAnswerSchema } from "./api";
import { normalizeSecretAnswer, SECRET_QUESTIONS } from "./secret-questions";

describe("secret answers", () => {
  it.each([
    ["  Médor ", "medor"],
    ["MÉDOR", "medor"],
    ["rue   de la  Paix", "rue de la paix"],
    ["Ça\tva", "ca va"],
  ])("normalises %j to %j", (input, expected) => {
    expect(normalizeSecretAnswer(input)).toBe(expected);
  });

  it("needs at least 3 characters once normalised", () => {
    expect(secretAnswerSchema.safeParse("  é  ").success).toBe(false);
    expect(secretAnswerSchema.parse("Rex")).toBe("rex");
  });

  it("asks nothing answerable from the NIR", () => {
    const labels = SECRET_QUESTIONS.map((q) => q.label.toLowerCase()).join(" ");
    expect(labels).not.toMatch(/naissance|né|née|département|sexe/);
    expect(new Set(SECRET_QUESTIONS.map((q) => q.id)).size).toBe(SECRET_QUESTIONS.length);
  });
});
