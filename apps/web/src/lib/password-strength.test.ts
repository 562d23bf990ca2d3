import { checkPasswordPolicy } from "@mgen/contracts/password";
import { describe, expect, it } from "vitest";
import { strengthView } from "./password-strength";

describe("strengthView", () => {
  it("accepts a long, unusual passphrase", () => {
    const view = strengthView(checkPasswordPolicy("Girafe-violette-sur-un-tandem-rouge"));
    expect(view.accepted).toBe(true);
    expect(view.level).toBeGreaterThanOrEqual(3);
    expect(["Fort", "Très fort"]).toContain(view.label);
    expect(view.lines).toEqual([]);
  });

  it("never calls a refused password strong, and says why", () => {
    const view = strengthView(checkPasswordPolicy("Xk#9qL!w"));
    expect(view.accepted).toBe(false);
    expect(view.level).toBeLessThan(3);
    expect(view.lines[0]).toMatch(/au moins 12 caractères/);
  });

  it("explains the refusal of a password holding the member's first name", () => {
    const view = strengthView(
      checkPasswordPolicy("Marie-girafe-violette-tandem", { firstName: "Marie" }),
    );
    expect(view.accepted).toBe(false);
    expect(view.lines.join(" ")).toMatch(/votre prénom/);
  });
});
