/**
 * French emails, HTML and text, in one shared layout. Every email says who sends it,
 * why the member receives it, and what to do if they did not ask for it.
 */

export type EmailMessage = { to: string; subject: string; text: string; html: string };

const SERVICE = "MGEN Connect";

export function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

type Block = { paragraph: string } | { button: { label: string; url: string } };

function layout(to: string, subject: string, greeting: string, blocks: Block[]): EmailMessage {
  const textBlocks = blocks.map((b) =>
    "paragraph" in b ? b.paragraph : `${b.button.label} :\n${b.button.url}`,
  );
  const text = [
    greeting,
    "",
    ...textBlocks.flatMap((t) => [t, ""]),
    "Cordialement,",
    `L'équipe ${SERVICE}`,
    "",
    "--",
    "Cet email vous est envoyé automatiquement : merci de ne pas y répondre.",
    "Nous ne vous demanderons jamais votre mot de passe ni votre numéro de sécurité sociale par email.",
  ].join("\n");

  const htmlBlocks = blocks
    .map((b) =>
      "paragraph" in b
        ? `<p style="margin:0 0 16px;line-height:1.5">${escapeHtml(b.paragraph)}</p>`
        : `<p style="margin:24px 0"><a href="${escapeHtml(b.button.url)}" style="background:#00526b;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:bold;display:inline-block">${escapeHtml(b.button.label)}</a></p><p style="margin:0 0 16px;font-size:14px;color:#3d4752">Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :<br><span style="word-break:break-all">${escapeHtml(b.button.url)}</span></p>`,
    )
    .join("\n");
  const html = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:0;background:#f3f5f7;font-family:Arial,Helvetica,sans-serif;color:#1b1f24">
<div style="max-width:560px;margin:0 auto;padding:24px">
<p style="font-size:20px;font-weight:bold;color:#00526b;margin:0 0 24px">${SERVICE}</p>
<div style="background:#ffffff;border-radius:8px;padding:24px">
<p style="margin:0 0 16px;line-height:1.5">${escapeHtml(greeting)}</p>
${htmlBlocks}
<p style="margin:24px 0 0;line-height:1.5">Cordialement,<br>L'équipe ${SERVICE}</p>
</div>
<p style="font-size:13px;color:#3d4752;line-height:1.5;margin:16px 0 0">Cet email vous est envoyé automatiquement : merci de ne pas y répondre. Nous ne vous demanderons jamais votre mot de passe ni votre numéro de sécurité sociale par email.</p>
</div>
</body></html>`;
  return { to, subject, text, html };
}

/** Sent when a migration completes: the address is now the member's identifier. */
export function migrationConfirmedEmail(input: {
  to: string;
  firstName: string;
  publicUrl: string;
}): EmailMessage {
  return layout(
    input.to,
    "Votre identifiant MGEN Connect est activé",
    `Bonjour ${input.firstName},`,
    [
      {
        paragraph: `Votre adresse ${input.to} est désormais votre identifiant de connexion à votre Espace personnel. Votre numéro de sécurité sociale ne sert plus à vous connecter.`,
      },
      {
        paragraph:
          "À votre prochaine visite, saisissez cette adresse email et le mot de passe que vous venez de choisir.",
      },
      {
        button: {
          label: "Me connecter à mon Espace personnel",
          url: `${input.publicUrl}/connexion`,
        },
      },
      {
        paragraph:
          "Si vous n'êtes pas à l'origine de ce changement, contactez sans attendre le service adhérents.",
      },
    ],
  );
}
