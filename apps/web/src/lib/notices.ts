import { z } from "zod";

/**
 * One-off messages carried by the router's location state from one page to the next
 * (never in the URL: a reload or a shared link must not show them out of context).
 */
const noticeSchema = z.union([
  z.object({ notice: z.literal("signed-out") }),
  z.object({ notice: z.literal("expired") }),
  z.object({ notice: z.literal("migrated"), email: z.string() }),
]);

export type Notice = z.infer<typeof noticeSchema>;

export function readNotice(state: unknown): Notice | null {
  const parsed = noticeSchema.safeParse(state);
  return parsed.success ? parsed.data : null;
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
