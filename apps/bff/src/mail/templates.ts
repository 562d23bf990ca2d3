import { PAGES } from "@mgen/contracts/rules";

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
          url: `${input.publicUrl}${PAGES.signIn}`,
        },
      },
      {
        paragraph:
          "Si vous n'êtes pas à l'origine de ce changement, contactez sans attendre le service adhérents.",
      },
    ],
  );
}

/** SPEC B step 3: the link that proves the member owns the new address. */
export function validationLinkEmail(input: {
  to: string;
  firstName: string;
  url: string;
}): EmailMessage {
  return layout(
    input.to,
    "Validez votre nouvel identifiant MGEN Connect",
    `Bonjour ${input.firstName},`,
    [
      {
        paragraph: `Vous avez choisi l'adresse ${input.to} comme identifiant de connexion à votre Espace personnel. Pour terminer, confirmez qu'elle est bien la vôtre :`,
      },
      { button: { label: "Valider mon adresse email", url: input.url } },
      {
        paragraph:
          "Ce lien est valable 24 heures et ne fonctionne qu'une fois. Tant que vous ne l'avez pas ouvert, rien n'est changé : vous continuez à vous connecter avec votre numéro de sécurité sociale.",
      },
      {
        paragraph: "Si vous n'êtes pas à l'origine de cette demande, ignorez simplement cet email.",
      },
    ],
  );
}

/**
 * SPEC "Notifications": a migration to another address was started; the contact address
 * is told at once, with the link that cancels it.
 */
export function migrationStartedEmail(input: {
  to: string;
  firstName: string;
  newEmail: string;
  cancelUrl: string;
  publicUrl: string;
}): EmailMessage {
  return layout(
    input.to,
    "Demande de changement d'identifiant pour votre Espace personnel",
    `Bonjour ${input.firstName},`,
    [
      {
        paragraph: `Une demande de changement d'identifiant a été faite pour votre Espace personnel : l'adresse ${input.newEmail} deviendrait votre identifiant de connexion, une fois validée.`,
      },
      { paragraph: "Si vous êtes à l'origine de cette demande, vous n'avez rien à faire." },
      {
        paragraph:
          "Si vous n'êtes pas à l'origine de cette demande, annulez-la : rien ne sera changé. Quelqu'un connaît peut-être votre mot de passe : choisissez-en ensuite un nouveau.",
      },
      { button: { label: "Annuler cette demande", url: input.cancelUrl } },
      {
        paragraph: `Ce lien est valable 24 heures et ne fonctionne qu'une fois. Pour choisir un nouveau mot de passe : ${input.publicUrl}${PAGES.legacyForgotPassword}`,
      },
    ],
  );
}

export type ConnectResetReason = "requested" | "locked" | "not_validated";

const RESET_INTRO: Record<ConnectResetReason, string> = {
  requested: "Vous avez demandé à réinitialiser le mot de passe de votre identifiant MGEN Connect.",
  locked:
    "Votre identifiant MGEN Connect a été bloqué après plusieurs erreurs de saisie du mot de passe. Pour le débloquer, choisissez un nouveau mot de passe.",
  not_validated:
    "Votre identifiant MGEN Connect n'a pas encore été validé. Choisissez un nouveau mot de passe avec le lien ci-dessous : cela validera aussi votre adresse email.",
};

/** SPEC F: the MGEN Connect reset link, sent on request or by a lock / "not validated". */
export function connectResetEmail(input: {
  to: string;
  url: string;
  reason: ConnectResetReason;
}): EmailMessage {
  const subject =
    input.reason === "locked"
      ? "Votre identifiant MGEN Connect est bloqué"
      : "Réinitialisez votre mot de passe MGEN Connect";
  return layout(input.to, subject, "Bonjour,", [
    { paragraph: RESET_INTRO[input.reason] },
    { button: { label: "Choisir un nouveau mot de passe", url: input.url } },
    {
      paragraph:
        "Ce lien est valable 1 heure et ne fonctionne qu'une fois. Si vous n'êtes pas à l'origine de cette demande, ignorez cet email : votre mot de passe ne change pas.",
    },
  ]);
}

/** SPEC "Notifications": the old contact address is told that the identifier changed. */
export function identifierChangedEmail(input: {
  to: string;
  firstName: string;
  newEmail: string;
}): EmailMessage {
  return layout(
    input.to,
    "Votre identifiant de connexion a changé",
    `Bonjour ${input.firstName},`,
    [
      {
        paragraph: `Votre identifiant de connexion a changé : vous vous connectez désormais à votre Espace personnel avec l'adresse ${input.newEmail}.`,
      },
      {
        paragraph:
          "Si vous n'êtes pas à l'origine de ce changement, contactez sans attendre le service adhérents : quelqu'un a peut-être utilisé votre mot de passe.",
      },
    ],
  );
}

/** Sent when an MGEN Connect password was changed through a reset link. */
export function connectPasswordChangedEmail(input: {
  to: string;
  publicUrl: string;
}): EmailMessage {
  return layout(input.to, "Votre mot de passe MGEN Connect a été modifié", "Bonjour,", [
    {
      paragraph:
        "Le mot de passe de votre identifiant MGEN Connect vient d'être modifié. Votre identifiant est débloqué et validé.",
    },
    { button: { label: "Me connecter", url: `${input.publicUrl}${PAGES.signIn}` } },
    {
      paragraph:
        "Si vous n'êtes pas à l'origine de ce changement, réinitialisez tout de suite votre mot de passe et contactez le service adhérents.",
    },
  ]);
}

/** SPEC "Notifications": an Espace locked by 5 failures is told so, with the way out. */
export function espaceLockedEmail(input: {
  to: string;
  firstName: string;
  publicUrl: string;
}): EmailMessage {
  return layout(input.to, "Votre compte est bloqué", `Bonjour ${input.firstName},`, [
    {
      paragraph:
        "Votre compte est bloqué suite à plusieurs erreurs de saisie de votre mot de passe. Vos données sont protégées : personne ne peut se connecter tant qu'il est bloqué.",
    },
    {
      paragraph:
        "Pour le débloquer, indiquez votre numéro de sécurité sociale et votre date de naissance sur la page suivante : vous recevrez un lien pour choisir un nouveau mot de passe.",
    },
    { button: { label: "Débloquer mon compte", url: `${input.publicUrl}${PAGES.legacyUnlock}` } },
    {
      paragraph:
        "Si ces erreurs ne viennent pas de vous, débloquez votre compte en choisissant un nouveau mot de passe et prévenez le service adhérents.",
    },
  ]);
}

export type LegacyRequestKind = "forgot" | "unlock";

/** SPEC D: the link that sets a new Espace password, and lifts a lock. */
export function legacyResetEmail(input: {
  to: string;
  firstName: string;
  url: string;
  kind: LegacyRequestKind;
}): EmailMessage {
  const unlock = input.kind === "unlock";
  return layout(
    input.to,
    unlock ? "Débloquez votre compte" : "Choisissez un nouveau mot de passe",
    `Bonjour ${input.firstName},`,
    [
      {
        paragraph: unlock
          ? "Vous avez demandé à débloquer votre Espace personnel. Choisissez un nouveau mot de passe : votre compte sera débloqué aussitôt."
          : "Vous avez demandé un nouveau mot de passe pour votre Espace personnel.",
      },
      { button: { label: "Choisir un nouveau mot de passe", url: input.url } },
      {
        paragraph:
          "Ce lien est valable 1 heure et ne fonctionne qu'une fois. Lors de votre prochaine connexion, vous pourrez changer votre identifiant pour votre adresse email.",
      },
      {
        paragraph:
          "Si vous n'êtes pas à l'origine de cette demande, ignorez cet email : votre mot de passe ne change pas.",
      },
    ],
  );
}

/** "j***@example.fr": enough to recognise one's own address, not to read it over a shoulder. */
export function maskEmail(email: string): string {
  const [local = "", domain = ""] = email.split("@");
  return `${local.slice(0, 1)}***@${domain}`;
}

/** SPEC D: a migrated Espace asking for its old password is reminded of its identifier. */
export function migratedReminderEmail(input: {
  to: string;
  firstName: string;
  identifier: string;
  publicUrl: string;
}): EmailMessage {
  return layout(
    input.to,
    "Connectez-vous avec votre identifiant MGEN Connect",
    `Bonjour ${input.firstName},`,
    [
      {
        paragraph: `Vous avez demandé un nouveau mot de passe pour votre Espace personnel. Depuis l'activation de votre identifiant MGEN Connect, vous ne vous connectez plus avec votre numéro de sécurité sociale mais avec votre adresse email (${maskEmail(input.identifier)}) et le mot de passe qui lui est associé.`,
      },
      { button: { label: "Me connecter", url: `${input.publicUrl}${PAGES.signIn}` } },
      {
        paragraph: `Mot de passe oublié ? Demandez un nouveau mot de passe MGEN Connect : ${input.publicUrl}${PAGES.connectForgotPassword}`,
      },
      { paragraph: "Si vous n'êtes pas à l'origine de cette demande, ignorez cet email." },
    ],
  );
}

/** Sent when an Espace password was set through a reset link. */
export function legacyPasswordChangedEmail(input: {
  to: string;
  firstName: string;
  publicUrl: string;
}): EmailMessage {
  return layout(
    input.to,
    "Le mot de passe de votre Espace personnel a été modifié",
    `Bonjour ${input.firstName},`,
    [
      {
        paragraph:
          "Le mot de passe de votre Espace personnel vient d'être modifié et votre compte est débloqué. Lors de votre prochaine connexion, vous pourrez changer votre identifiant pour votre adresse email.",
      },
      { button: { label: "Me connecter", url: `${input.publicUrl}${PAGES.signIn}` } },
      {
        paragraph:
          "Si vous n'êtes pas à l'origine de ce changement, contactez sans attendre le service adhérents.",
      },
    ],
  );
}

/** An adviser lifted a lock (OPERATIONS.md §2): the member is told, with the way in. */
export function unlockedByAdviserEmail(input: {
  to: string;
  firstName: string;
  publicUrl: string;
}): EmailMessage {
  return layout(input.to, "Votre compte a été débloqué", `Bonjour ${input.firstName},`, [
    {
      paragraph:
        "À votre demande, un conseiller MGEN vient de débloquer votre compte. Vous pouvez de nouveau vous connecter avec votre mot de passe habituel.",
    },
    { button: { label: "Me connecter", url: `${input.publicUrl}${PAGES.signIn}` } },
    {
      paragraph:
        "Si vous n'avez pas appelé le service adhérents, quelqu'un a peut-être essayé votre mot de passe : choisissez-en un nouveau (« Mot de passe oublié ? » sur la page de connexion).",
    },
  ]);
}

/** An adviser corrected the contact address: the old one is told (OPERATIONS.md §2). */
export function contactEmailChangedEmail(input: {
  to: string;
  firstName: string;
  newEmail: string;
}): EmailMessage {
  return layout(
    input.to,
    "Votre adresse email de contact a été modifiée",
    `Bonjour ${input.firstName},`,
    [
      {
        paragraph: `À votre demande, un conseiller MGEN a remplacé cette adresse de contact par ${maskEmail(input.newEmail)}. Les emails de votre Espace personnel seront désormais envoyés à la nouvelle adresse.`,
      },
      {
        paragraph:
          "Si vous n'êtes pas à l'origine de ce changement, appelez au plus vite le service adhérents.",
      },
    ],
  );
}
