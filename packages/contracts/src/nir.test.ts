import { describe, expect, it } from "vitest";
import { checkNir, formatNir, identifierKind, nirKey, normalizeNir } from "./nir";

describe("normalizeNir", () => {
  it.each([
    ["2 90 08 69 123 045 11", "290086912304511"],
    ["2.90.08.69.123.045.11", "290086912304511"],
    ["2-90-08-69-123-045-11", "290086912304511"],
    ["2\u00a090\u00a008 69\u202f123 045 11", "290086912304511"],
    [" 1 85 02 2a 004 025 09 ", "185022A00402509"],
    ["1850 22b0", "185022B0"],
  ])("%j → %s", (input, expected) => {
    expect(normalizeNir(input)).toBe(expected);
  });
});

describe("nirKey", () => {
  it("is 97 − (N mod 97)", () => {
    expect(nirKey("290086912304511".slice(0, 13))).toBe("11");
  });
  it("reads 2A as 19 and 2B as 18", () => {
    expect(nirKey("185022A004025")).toBe(nirKey("1850219004025"));
    expect(nirKey("185022B004025")).toBe(nirKey("1850218004025"));
    expect(nirKey("185022A004025")).not.toBe(nirKey("185022B004025"));
  });
  it("gives 97, never 00, when N is a multiple of 97", () => {
    expect(1000000000047 % 97).toBe(0);
    expect(nirKey("1000000000047")).toBe("97");
  });
  it("pads keys under 10 with a zero", () => {
    expect(nirKey("185022A004025")).toBe("09");
  });
});

describe("checkNir", () => {
  it.each([
    ["demo: Marie, born in the Rhône", "2 90 08 69 123 045 11"],
    ["demo: Claire, born abroad (department 99)", "2 66 09 99 350 012 18"],
    ["demo: Antoine, Corsica after 1976 (2A)", "1 85 02 2A 004 025 09"],
    ["Corsica after 1976, lower case (2b)", `1 80 05 2b 033 101 ${nirKey("180052B033101")}`],
    ["Corsica before 1976 (department 20)", `1 60 03 20 004 012 ${nirKey("1600320004012")}`],
    ["overseas (Guadeloupe, 971)", `2 75 06 97 105 012 ${nirKey("2750697105012")}`],
    ["overseas (Mayotte, 976)", `1 02 11 97 611 001 ${nirKey("1021197611001")}`],
    ["provisional number (7)", `7 85 04 99 123 456 ${nirKey("7850499123456")}`],
    ["provisional number (8)", `8 91 13 75 999 999 ${nirKey("8911375999999")}`],
    ["unknown month (20) is not judged", `1 90 20 75 056 082 ${nirKey("1902075056082")}`],
    ["key 97", "1 00 00 00 000 047 97"],
    ["separators mixed", "2.90-08 69\u00a0123 045-11"],
  ])("accepts %s", (_label, input) => {
    const result = checkNir(input);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.nir).toHaveLength(15);
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["2 90 08 69 123 045 1", "length"],
    ["2 90 08 69 123 045 111", "length"],
    ["2 90 08 69 123 045", "length"],
    ["2900869123045", "length"],
    ["9 90 08 69 123 045 11", "structure"],
    ["0 90 08 69 123 045 11", "structure"],
    ["2 90 08 2C 123 045 11", "structure"],
    ["2 90 08 69 12A 045 11", "structure"],
    ["2 90 08 69 123 045 1X", "structure"],
    ["A 90 08 69 123 045 11", "structure"],
    ["2 90 08 69 123 045 12", "key"],
    ["2 90 08 69 123 054 11", "key"],
    ["1 85 02 2B 004 025 09", "key"],
    ["1 00 00 00 000 047 00", "key"],
  ])("refuses %j (%s)", (input, problem) => {
    expect(checkNir(input)).toEqual({ ok: false, problem });
  });

  it("returns the normalised NIR", () => {
    expect(checkNir("1 85 02 2a 004 025 09")).toEqual({ ok: true, nir: "185022A00402509" });
  });
});

describe("identifierKind", () => {
  it("reads an @ as an email address", () => {
    expect(identifierKind("marie.dupont@example.fr")).toBe("email");
    expect(identifierKind("2 90 08 69 123 045 11")).toBe("nir");
  });
});

describe("formatNir", () => {
  it("groups as on the carte Vitale", () => {
    expect(formatNir("185022A00402509")).toBe("1 85 02 2A 004 025 09");
  });
});
