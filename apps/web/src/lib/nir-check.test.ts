import { describe, expect, it } from "vitest";
import { nirComplete } from "./nir-check";

describe("nirComplete", () => {
  it("waits for the 15th character, separators aside", () => {
    expect(nirComplete("2 90 08 69 123 045 1")).toBe(false);
    expect(nirComplete("2 90 08 69 123 045 11")).toBe(true);
    expect(nirComplete("1.85.02.2a.004.025.09")).toBe(true);
    expect(nirComplete("2900869123045112")).toBe(true);
  });
});
