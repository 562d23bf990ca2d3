/**
 * The cockpit's numbers and dates, in French. The API's days ("2026-03-12") are calendar
 * days in Paris already: they are read and written at midnight UTC, so that no time
 * zone moves them to the day before.
 */

const COUNT = new Intl.NumberFormat("fr-FR");
const PERCENT = new Intl.NumberFormat("fr-FR", {
  style: "percent",
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const CLOCK = new Intl.DateTimeFormat("fr-FR", {
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  timeZone: "Europe/Paris",
});
const LONG_DAY = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeZone: "UTC" });
const SHORT_DAY = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeZone: "UTC" });
const TICK_DAY = new Intl.DateTimeFormat("fr-FR", {
  day: "numeric",
  month: "short",
  timeZone: "UTC",
});

/** 12345 → "12 345". */
export function formatCount(n: number): string {
  return COUNT.format(n);
}

/** The part of a whole, 3611 of 12345 → "29,3 %" (0 of nothing is "0,0 %"). */
export function formatShare(part: number, whole: number): string {
  return PERCENT.format(whole > 0 ? part / whole : 0);
}

/** An instant, "2026-03-12T09:30:05Z" → "10:30:05", Paris time. */
export function formatClock(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : CLOCK.format(date);
}

/** "2027-03-12" → the day as a Date at midnight UTC (Plot's time scale reads it so). */
export function parseDay(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

function formatDay(format: Intl.DateTimeFormat, day: string): string {
  const date = parseDay(day);
  return Number.isNaN(date.getTime()) ? day : format.format(date);
}

/** "2027-03-12" → "12 mars 2027". */
export const formatLongDay = (day: string) => formatDay(LONG_DAY, day);

/** "2026-03-12" → "12/03/2026". */
export const formatShortDay = (day: string) => formatDay(SHORT_DAY, day);

/** A chart's date tick → "12 mars". */
export function formatTickDay(date: Date): string {
  return TICK_DAY.format(date);
}
