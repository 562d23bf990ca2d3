import { describe, expect, it } from "vitest";
import { readPrefill } from "./prefill";

describe("readPrefill", () => {
  it("reads the value handed by the previous page", () => {
    expect(readPrefill({ identifier: "marie@example.fr" }, "identifier")).toBe("marie@example.fr");
    expect(readPrefill({ email: "jean.martin@example.fr" }, "email")).toBe(
      "jean.martin@example.fr",
    );
  });

  it("is empty without one, or with anything else", () => {
    expect(readPrefill(null, "email")).toBe("");
    expect(readPrefill({ notice: "signed-out" }, "identifier")).toBe("");
    expect(readPrefill({ email: 42 }, "email")).toBe("");
    expect(readPrefill({ email: "m@x.fr" }, "identifier")).toBe("");
  });
});
