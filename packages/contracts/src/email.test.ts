import { describe, expect, it } from "vitest";
import { emailSchema } from "./api";
import { EMAIL_MAX_LENGTH, isValidEmail, normalizeEmail } from "./email";

describe("email", () => {
  it("trims and lower-cases, so that case never makes two identifiers", () => {
    expect(normalizeEmail("  Jean@X.fr ")).toBe("jean@x.fr");
    expect(emailSchema.parse(" Marie.Dupont@Example.FR")).toBe("marie.dupont@example.fr");
  });

  it.each(["jean@x.fr", "a.b+tag@sous.domaine.fr", "o'neil@example.ie", "user@localhost"])(
    "accepts %s",
    (email) => {
      expect(isValidEmail(email)).toBe(true);
      expect(emailSchema.safeParse(email).success).toBe(true);
    },
  );

  it.each(["", "jean", "jean@", "@x.fr", "jean@x..fr", "jean @x.fr", "jean@-x.fr", "jé@x.fr"])(
    "refuses %j",
    (email) => {
      expect(isValidEmail(email)).toBe(false);
      expect(emailSchema.safeParse(email).success).toBe(false);
    },
  );

  it(`refuses addresses over ${EMAIL_MAX_LENGTH} characters`, () => {
    const local = "a".repeat(64);
    const domain = `${"b".repeat(60)}.${"c".repeat(60)}.${"d".repeat(60)}.${"e".repeat(10)}.fr`;
    const atLimit = `${local}@${domain}`.slice(0, EMAIL_MAX_LENGTH);
    expect(`${local}@${domain}`.length).toBeGreaterThan(EMAIL_MAX_LENGTH);
    expect(isValidEmail(`${local}@${domain}`)).toBe(false);
    expect(atLimit.length).toBe(EMAIL_MAX_LENGTH);
  });

  it("refuses a non-string with a French message", () => {
    const result = emailSchema.safeParse(42);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("Saisissez une adresse email.");
  });
});
