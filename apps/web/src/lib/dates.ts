const LONG_DATE = new Intl.DateTimeFormat("fr-FR", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "Europe/Paris",
});

const DATE_TIME = new Intl.DateTimeFormat("fr-FR", {
  dateStyle: "short",
  timeStyle: "medium",
  timeZone: "Europe/Paris",
});

/** "2026-11-26T09:30:00Z" → "26 novembre 2026"; the first of the month is "1er". */
export function formatLongDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return LONG_DATE.format(date).replace(/^1 /, "1er ");
}

/** "2026-11-26T09:30:05Z" → "26/11/2026 10:30:05", French time. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return DATE_TIME.format(date);
}

/**
 * A wait, in words an older member reads at a glance: "45 secondes", "3 minutes",
 * "1 heure". Rounded up, so that asking again after the stated time works.
 */
export function formatDelay(seconds: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n > 1 ? "s" : ""}`;
  const s = Math.max(1, Math.ceil(seconds));
  if (s <= 90) return plural(s, "seconde");
  const minutes = Math.ceil(s / 60);
  if (minutes <= 90) return plural(minutes, "minute");
  return plural(Math.ceil(minutes / 60), "heure");
}
