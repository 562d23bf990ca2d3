import { describe, expect, it } from "vitest";
import { isValidBirthDate, parseBirthDate } from "./birth-date";

const today = new Date(Date.UTC(2026, 11, 1));

describe("birth dates", () => {
  it("are real dates from 1900 to today", () => {
    expect(isValidBirthDate("1990-08-15", today)).toBe(true);
    expect(isValidBirthDate("1990-02-30", today)).toBe(false);
    expect(isValidBirthDate("1899-12-31", today)).toBe(false);
    expect(isValidBirthDate("2027-01-01", today)).toBe(false);
  });

  it("are read from the exports' two spellings, or refused", () => {
    expect(parseBirthDate("15/08/1990", today)).toBe("1990-08-15");
    expect(parseBirthDate(" 1990-08-15 ", today)).toBe("1990-08-15");
    expect(parseBirthDate("31/02/1990", today)).toBeNull();
    expect(parseBirthDate("1990-13-01", today)).toBeNull();
    expect(parseBirthDate("15/8/1990", today)).toBeNull();
    expect(parseBirthDate("hier", today)).toBeNull();
    expect(parseBirthDate("", today)).toBeNull();
  });
});
