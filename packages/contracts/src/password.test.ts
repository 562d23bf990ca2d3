import { describe, expect, it } from "vitest";
import { checkPasswordPolicy, personalDataIn } from "./password";

const marie = {
  firstName: "Marie",
  lastName: "Dupont",
  birthDate: "1990-08-15",
  email: "marie.dupont@example.fr",
};

describe("checkPasswordPolicy", () => {
  it("accepts a long, unusual passphrase", () => {
    const verdict = checkPasswordPolicy("Girafe bleue sous la pluie 2031", marie);
    expect(verdict).toMatchObject({ ok: true, problems: [] });
    expect(verdict.score).toBeGreaterThanOrEqual(3);
  });

  it("treats the organisation's words as guessable (the documented context words)", () => {
    for (const password of ["MgenConnect2026!", "EspacePersonnel2026", "identifiantMGENconnect"]) {
      const verdict = checkPasswordPolicy(password, {});
      expect(verdict.ok, password).toBe(false);
      expect(verdict.problems.join(" "), password).toContain("trop facile à deviner");
    }
  });

  it("refuses fewer than 12 characters, saying so", () => {
    const verdict = checkPasswordPolicy("Zq8!vT2#pL", marie);
    expect(verdict.ok).toBe(false);
    expect(verdict.problems.join(" ")).toContain("au moins 12 caractères");
  });

  it("refuses more than 128 characters", () => {
    const verdict = checkPasswordPolicy(`${"Girafe bleue sous la pluie ".repeat(5)}x`, marie);
    expect(verdict.ok).toBe(false);
    expect(verdict.problems.join(" ")).toContain("au plus 128 caractères");
  });

  it.each(["motdepasse123", "azertyuiop123", "123456789012", "jetaime123456"])(
    "refuses the common or guessable %s",
    (password) => {
      const verdict = checkPasswordPolicy(password, {});
      expect(verdict.ok).toBe(false);
      expect(verdict.score).toBeLessThan(3);
      expect(verdict.problems.join(" ")).toContain("trop facile à deviner");
    },
  );

  it("explains in French", () => {
    const verdict = checkPasswordPolicy("azertyuiopqsd", {});
    expect(verdict.problems[0]).toMatch(/deviner/);
  });

  it("has no composition rule: lower-case words only can pass", () => {
    expect(checkPasswordPolicy("tournesol parapluie velours", {}).ok).toBe(true);
  });
});

describe("personal data rule", () => {
  it.each([
    ["first name, any case, accents ignored", "Xk MARIE velours 9q", "votre prénom"],
    ["last name", "velours dupont tournesol", "votre nom"],
    ["birth date ddmmyyyy", "velours 15081990 tournesol", "votre date de naissance"],
    ["birth date yyyy-mm-dd", "velours 1990-08-15 tournesol", "votre date de naissance"],
    ["email local part", "xmarie.dupontx velours", "votre adresse email"],
  ])("refuses the %s", (_label, password, what) => {
    expect(personalDataIn(password, marie)).toContain(what);
    const verdict = checkPasswordPolicy(password, marie);
    expect(verdict.ok).toBe(false);
    expect(verdict.problems.join(" ")).toContain(what);
  });

  it("finds accented names without accents", () => {
    expect(personalDataIn("helene tournesol velours", { firstName: "Hélène" })).toEqual([
      "votre prénom",
    ]);
  });

  it("ignores name parts of fewer than 3 letters", () => {
    expect(personalDataIn("li tournesol velours", { lastName: "Li" })).toEqual([]);
  });
});
