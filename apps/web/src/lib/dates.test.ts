import { describe, expect, it } from "vitest";
import { formatDateTime, formatDelay, formatLongDate } from "./dates";

describe("formatLongDate", () => {
  it("writes the date in words, in French", () => {
    expect(formatLongDate("2026-11-26T09:30:00Z")).toBe("26 novembre 2026");
    expect(formatLongDate("2026-02-14T12:00:00.000Z")).toBe("14 février 2026");
  });

  it("says '1er' for the first of the month", () => {
    expect(formatLongDate("2026-12-01T10:00:00Z")).toBe("1er décembre 2026");
  });

  it("uses French time, not UTC, to decide the day", () => {
    // 23:30 UTC on 31 December is already 1 January in Paris.
    expect(formatLongDate("2025-12-31T23:30:00Z")).toBe("1er janvier 2026");
  });

  it("leaves an unreadable value as it is", () => {
    expect(formatLongDate("not a date")).toBe("not a date");
  });
});

describe("formatDateTime", () => {
  it("writes the date and time in French time", () => {
    expect(formatDateTime("2026-11-26T09:30:05Z")).toBe("26/11/2026 10:30:05");
  });
});

describe("formatDelay", () => {
  it("counts seconds up to a minute and a half", () => {
    expect(formatDelay(1)).toBe("1 seconde");
    expect(formatDelay(42)).toBe("42 secondes");
    expect(formatDelay(90)).toBe("90 secondes");
  });

  it("rounds longer waits up to minutes, then hours", () => {
    expect(formatDelay(91)).toBe("2 minutes");
    expect(formatDelay(3540)).toBe("59 minutes");
    expect(formatDelay(7200)).toBe("2 heures");
  });

  it("never says zero", () => {
    expect(formatDelay(0)).toBe("1 seconde");
  });
});
