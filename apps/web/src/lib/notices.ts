/**
 * One-off messages carried by the router's location state from one page to the next
 * (never in the URL: a reload or a shared link must not show them out of context).
 */
export type Notice =
  | { notice: "signed-out" }
  | { notice: "expired" }
  | { notice: "migrated"; email: string };

/**
 * The notice of a location state, else null. Checked by hand rather than with zod: the
 * sign-in page reads it, and zod is not part of the first download (ADR 012).
 */
export function readNotice(state: unknown): Notice | null {
  if (typeof state !== "object" || state === null || Array.isArray(state)) return null;
  const { notice, email } = state as { notice?: unknown; email?: unknown };
  if (notice === "signed-out" || notice === "expired") return { notice };
  if (notice === "migrated" && typeof email === "string") return { notice, email };
  return null;
}

export function noticeText(notice: Notice): string {
  switch (notice.notice) {
    case "signed-out":
      return "Vous êtes déconnecté(e).";
    case "expired":
      return "Votre session a expiré : connectez-vous à nouveau.";
    case "migrated":
      return `Votre identifiant de connexion est désormais ${notice.email}.`;
  }
}
