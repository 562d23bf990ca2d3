import { describe, expect, it } from "vitest";
import { readLinkToken } from "./link-token";

describe("readLinkToken", () => {
  it("reads the token of an emailed link", () => {
    expect(readLinkToken("?token=abc_DEF-123")).toBe("abc_DEF-123");
    expect(readLinkToken("?utm=mail&token=xyz")).toBe("xyz");
  });

  it("is empty when the link lost its token", () => {
    expect(readLinkToken("")).toBe("");
    expect(readLinkToken("?token=")).toBe("");
    expect(readLinkToken("?other=1")).toBe("");
  });
});
