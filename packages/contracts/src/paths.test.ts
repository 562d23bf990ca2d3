import { describe, expect, it } from "vitest";
import { linkUrl, PAGES, tokenFromFragment } from "./paths";

describe("emailed links", () => {
  it("carry the token in the fragment, never in the query", () => {
    const url = linkUrl("https://connect.example.fr", PAGES.validateEmail, "abc-DEF_123");
    expect(url).toBe("https://connect.example.fr/validation-email#token=abc-DEF_123");
    expect(url).not.toContain("?");
    expect(tokenFromFragment(url.slice(url.indexOf("#")))).toBe("abc-DEF_123");
  });

  it("read nothing from a fragment without a token, or a broken one", () => {
    expect(tokenFromFragment("")).toBe("");
    expect(tokenFromFragment("#section")).toBe("");
    expect(tokenFromFragment("#token=%E0%A4%A")).toBe("");
    expect(tokenFromFragment("#a=1&token=xyz")).toBe("xyz");
  });
});
