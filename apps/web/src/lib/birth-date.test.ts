import { BIRTH_DATE_MESSAGES } from "@mgen/contracts";
import { describe, expect, it } from "vitest";
import {
  BIRTH_DATE_PART_MESSAGES,
  birthDatePartsSchema,
  checkBirthDate,
  splitPastedDate,
} from "./birth-date";

const TODAY = new Date("2026-03-10T12:00:00Z");
const check = (day: string, month: string, year: string) =>
  checkBirthDate({ day, month, year }, TODAY);

describe("checkBirthDate", () => {
  it("turns the three parts into YYYY-MM-DD", () => {
    expect(check("15", "08", "1990")).toEqual({ ok: true, iso: "1990-08-15" });
    expect(check("5", "8", "1990")).toEqual({ ok: true, iso: "1990-08-05" });
    expect(check(" 29 ", "02", "2000")).toEqual({ ok: true, iso: "2000-02-29" });
    expect(check("10", "03", "2026")).toEqual({ ok: true, iso: "2026-03-10" });
  });

  it("asks for the whole date when nothing is typed", () => {
    expect(check("", "", "")).toEqual({
      ok: false,
      message: BIRTH_DATE_MESSAGES.empty,
      invalid: ["day", "month", "year"],
    });
  });

  it("names the missing parts", () => {
    expect(check("", "08", "1990")).toEqual({
      ok: false,
      message: "Saisissez votre jour de naissance.",
      invalid: ["day"],
    });
    expect(check("15", "", "")).toEqual({
      ok: false,
      message: "Saisissez votre mois et votre année de naissance.",
      invalid: ["month", "year"],
    });
  });

  it("says which range a day or a month belongs to", () => {
    expect(check("32", "08", "1990")).toMatchObject({
      message: BIRTH_DATE_PART_MESSAGES.day,
      invalid: ["day"],
    });
    expect(check("00", "08", "1990")).toMatchObject({ invalid: ["day"] });
    expect(check("15", "13", "1990")).toEqual({
      ok: false,
      message: "Le mois est entre 01 et 12.",
      invalid: ["month"],
    });
    expect(check("1a", "08", "1990")).toMatchObject({ invalid: ["day"] });
  });

  it("says every wrong part at once, in screen order", () => {
    expect(check("40", "", "90")).toEqual({
      ok: false,
      message: [
        "Saisissez votre mois de naissance.",
        BIRTH_DATE_PART_MESSAGES.day,
        BIRTH_DATE_PART_MESSAGES.year,
      ].join(" "),
      invalid: ["day", "month", "year"],
    });
  });

  it("wants the year on 4 digits, from 1900", () => {
    expect(check("15", "08", "90")).toEqual({
      ok: false,
      message: "Saisissez l'année sur 4 chiffres, par exemple 1990.",
      invalid: ["year"],
    });
    expect(check("15", "08", "1890")).toEqual({
      ok: false,
      message: "L'année est entre 1900 et 2026.",
      invalid: ["year"],
    });
  });

  it("refuses a day the month does not have", () => {
    for (const [day, month, year] of [
      ["31", "04", "1990"],
      ["30", "02", "1990"],
      ["29", "02", "1991"],
    ] as const) {
      expect(check(day, month, year)).toEqual({
        ok: false,
        message: "Cette date n'existe pas : vérifiez le jour et le mois.",
        invalid: ["day", "month"],
      });
    }
  });

  it("refuses a date still to come", () => {
    expect(check("15", "08", "2030")).toEqual({
      ok: false,
      message: BIRTH_DATE_MESSAGES.future,
      invalid: ["year"],
    });
    expect(check("11", "03", "2026")).toEqual({
      ok: false,
      message: BIRTH_DATE_MESSAGES.future,
      invalid: ["day", "month", "year"],
    });
  });
});

describe("splitPastedDate", () => {
  it("splits a date written with separators", () => {
    const parts = { day: "15", month: "08", year: "1990" };
    expect(splitPastedDate("15/08/1990")).toEqual(parts);
    expect(splitPastedDate(" 15 08 1990 ")).toEqual(parts);
    expect(splitPastedDate("15.08.1990")).toEqual(parts);
    expect(splitPastedDate("15-08-1990")).toEqual(parts);
    expect(splitPastedDate("15 / 08 / 1990")).toEqual(parts);
    expect(splitPastedDate("5/8/1990")).toEqual({ day: "05", month: "08", year: "1990" });
  });

  it("splits eight digits in a row, and the API's own format", () => {
    expect(splitPastedDate("15081990")).toEqual({ day: "15", month: "08", year: "1990" });
    expect(splitPastedDate("1990-08-15")).toEqual({ day: "15", month: "08", year: "1990" });
  });

  it("leaves anything else to the usual paste", () => {
    for (const text of ["15", "1990", "15/08", "15/08/90", "150890", "le 15 août 1990", ""]) {
      expect(splitPastedDate(text)).toBeNull();
    }
  });
});

describe("birthDatePartsSchema", () => {
  it("outputs the API's format, or one issue for the group", () => {
    expect(birthDatePartsSchema.parse({ day: "15", month: "08", year: "1990" })).toBe("1990-08-15");
    const result = birthDatePartsSchema.safeParse({ day: "31", month: "02", year: "1990" });
    expect(result.error?.issues).toHaveLength(1);
    expect(result.error?.issues[0]?.path).toEqual([]);
    expect(result.error?.issues[0]?.message).toBe(BIRTH_DATE_PART_MESSAGES.notADate);
  });
});
