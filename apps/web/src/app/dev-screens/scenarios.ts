import type { MigrationState } from "@mgen/contracts";
import { PAGES } from "@mgen/contracts/rules";
import type { Notice } from "../../lib/notices";
import { type FakeApi, fail, ok } from "./fake-api";
import { choose, fill, leave, press, wait } from "./play";

/** One screen in one state: where it is, what the fake BFF answers, what the member did. */
export type Scenario = {
  id: string;
  group: string;
  title: string;
  path: string;
  /** Router state the screen is opened with (a notice, a pre-filled address). */
  state?: Notice | { identifier: string } | { email: string };
  /** The screen is opened as from an emailed link: `#token=exemple` in the address. */
  token?: boolean;
  api?: FakeApi;
  play?: () => Promise<void>;
};

const WEAK = "marie-dupont-1990";
const STRONG = "Girafe bleue sous la pluie d'automne";

const migration = (state: Partial<MigrationState>): FakeApi => {
  const full: MigrationState = {
    state: "migration",
    firstName: "Marie",
    step: "email",
    proposedEmail: "marie.dupont@example.fr",
    ...state,
  };
  return { "GET /api/session": ok(full), "GET /api/migration": ok(full) };
};

/** The server's answer to a cancelled change (the page shows its own words). */
const CANCELLED =
  "La demande de changement d'identifiant est annulée : rien n'a changé pour votre Espace personnel.";

const QUESTION = "Quel était le nom de votre premier animal de compagnie ?";

/** The Connect reset form, with an answer when the identity has a secret question. */
const fillConnectReset = async (answer?: string) => {
  await fill("new-password", STRONG);
  await fill("confirmation", STRONG);
  if (answer !== undefined) await fill("secret-answer", answer);
  await wait(600); // the password policy's dictionaries load lazily
};

/** Step 2 (create) filled in full, ready to be sent. */
const fillSecurity = async () => {
  await fill("new-password", STRONG);
  await fill("confirmation", STRONG);
  await choose("secret-question", 1);
  await fill("secret-answer", "Le Petit Prince");
  await wait(600); // the password policy's dictionaries load lazily
};

const signInAs = async (identifier: string) => {
  await fill("identifier", identifier);
  await fill("password", "Demo-Espace-2026");
  await press("Se connecter");
};

const signInRefused = (
  id: string,
  title: string,
  identifier: string,
  refusal: ReturnType<typeof fail>,
): Scenario => ({
  id,
  group: "Connexion",
  title,
  path: PAGES.signIn,
  api: { [`POST /api/login/${identifier.includes("@") ? "email" : "nir"}`]: refusal },
  play: () => signInAs(identifier),
});

const NIR = "2 90 08 69 123 045 11";

const legacy = (kind: "forgot-password" | "unlock", path: string, name: string): Scenario[] => [
  { id: `${kind}-empty`, group: name, title: "Vide", path },
  {
    id: `${kind}-errors`,
    group: name,
    title: "Erreurs (date impossible)",
    path,
    play: async () => {
      await fill("birth-date-day", "31");
      await fill("birth-date-month", "02");
      await press(kind === "unlock" ? "Débloquer mon compte" : "Recevoir un lien");
    },
  },
  {
    id: `${kind}-sent`,
    group: name,
    title: "Demande envoyée",
    path,
    api: {
      [`POST /api/legacy/${kind}`]: ok({
        message:
          "Si ces informations correspondent à un Espace personnel, un email vous a été envoyé à votre adresse de contact.",
      }),
    },
    play: async () => {
      await fill("nir", NIR);
      await fill("birth-date-day", "15");
      await fill("birth-date-month", "08");
      await fill("birth-date-year", "1990");
      await press(kind === "unlock" ? "Débloquer mon compte" : "Recevoir un lien");
    },
  },
];

export const SCENARIOS: Scenario[] = [
  // ------------------------------------------------------------------ A. sign-in
  { id: "sign-in", group: "Connexion", title: "Vide", path: PAGES.signIn },
  {
    id: "sign-in-nir-key",
    group: "Connexion",
    title: "Clé du NIR erronée",
    path: PAGES.signIn,
    play: async () => {
      await fill("identifier", "2 90 08 69 123 045 12");
      await leave("identifier");
    },
  },
  {
    id: "sign-in-summary",
    group: "Connexion",
    title: "Envoyé vide (résumé des erreurs)",
    path: PAGES.signIn,
    play: () => press("Se connecter"),
  },
  signInRefused("sign-in-invalid", "Identifiants incorrects", NIR, fail("INVALID_CREDENTIALS")),
  signInRefused("sign-in-locked", "Compte bloqué (Paul)", NIR, fail("ACCOUNT_LOCKED")),
  signInRefused("sign-in-migrated", "Déjà migré (Luc)", NIR, fail("ALREADY_MIGRATED")),
  signInRefused("sign-in-no-password", "Pas de mot de passe (Claire)", NIR, fail("NO_PASSWORD")),
  signInRefused(
    "sign-in-identity-locked",
    "Identité bloquée (Hugo)",
    "hugo.durand@example.fr",
    fail("IDENTITY_LOCKED"),
  ),
  signInRefused(
    "sign-in-not-validated",
    "Identité non validée (Emma)",
    "emma.richard@example.fr",
    fail("IDENTITY_NOT_VALIDATED"),
  ),
  signInRefused(
    "sign-in-not-linked",
    "Identité sans Espace (Jean)",
    "jean.martin@example.fr",
    fail("IDENTITY_NOT_LINKED"),
  ),
  signInRefused(
    "sign-in-throttled",
    "Trop de tentatives",
    NIR,
    fail("RATE_LIMITED", { retryAfter: 42 }),
  ),
  {
    id: "sign-in-signed-out",
    group: "Connexion",
    title: "Après déconnexion",
    path: PAGES.signIn,
    state: { notice: "signed-out" },
  },
  {
    id: "sign-in-expired",
    group: "Connexion",
    title: "Session expirée",
    path: PAGES.signIn,
    state: { notice: "expired" },
  },

  // ------------------------------------------------------------------ B / C. wizard
  {
    id: "wizard-email",
    group: "Changement d'identifiant",
    title: "Étape 1 – adresse de contact proposée (Marie)",
    path: PAGES.migration,
    api: migration({}),
  },
  {
    id: "wizard-email-contact-taken",
    group: "Changement d'identifiant",
    title: "Étape 1 – adresse de contact déjà prise (Sophie)",
    path: PAGES.migration,
    api: migration({ firstName: "Sophie", proposedEmail: null, contactEmailTaken: true }),
  },
  {
    id: "wizard-email-taken",
    group: "Changement d'identifiant",
    title: "Étape 1 – adresse refusée (EMAIL_TAKEN)",
    path: PAGES.migration,
    api: {
      ...migration({ firstName: "Sophie", proposedEmail: null, contactEmailTaken: true }),
      "POST /api/migration/email": fail("EMAIL_TAKEN", {
        message:
          "Cette adresse email est déjà utilisée comme identifiant d'un autre Espace personnel.",
      }),
    },
    play: async () => {
      await fill("email", "famille.bernard@example.fr");
      await press("Continuer");
    },
  },
  {
    id: "wizard-email-throttled",
    group: "Changement d'identifiant",
    title: "Étape 1 – trop d'adresses essayées (RATE_LIMITED)",
    path: PAGES.migration,
    api: {
      ...migration({}),
      "POST /api/migration/email": fail("RATE_LIMITED", {
        message:
          "Vous avez essayé trop d'adresses email différentes en peu de temps. Réessayez dans une heure.",
        retryAfter: 3600,
      }),
    },
    play: async () => {
      await fill("email", "marie.d@example.org");
      await press("Continuer");
    },
  },
  {
    id: "wizard-email-typo",
    group: "Changement d'identifiant",
    title: "Étape 1 – faute de frappe probable",
    path: PAGES.migration,
    api: migration({ proposedEmail: "marie.dupont@gmial.com" }),
  },
  {
    id: "wizard-email-empty",
    group: "Changement d'identifiant",
    title: "Étape 1 – pas d'adresse de contact (Léa)",
    path: PAGES.migration,
    api: migration({ firstName: "Léa", proposedEmail: null }),
  },
  {
    id: "wizard-security",
    group: "Changement d'identifiant",
    title: "Étape 2 – sécurité",
    path: PAGES.migration,
    api: migration({ step: "security" }),
  },
  {
    id: "wizard-security-weak",
    group: "Changement d'identifiant",
    title: "Étape 2 – mot de passe trop faible",
    path: PAGES.migration,
    api: migration({ step: "security" }),
    play: async () => {
      await fill("new-password", WEAK);
      await fill("confirmation", WEAK);
      await wait(600); // the password policy's dictionaries load lazily
      await press("Valider");
    },
  },
  {
    id: "wizard-security-filled",
    group: "Changement d'identifiant",
    title: "Étape 2 – mot de passe solide, question choisie",
    path: PAGES.migration,
    api: migration({ step: "security" }),
    play: async () => {
      await fill("new-password", STRONG);
      await fill("confirmation", STRONG);
      await choose("secret-question", 1);
    },
  },
  {
    id: "wizard-security-throttled",
    group: "Changement d'identifiant",
    title: "Étape 2 – trop de tentatives (RATE_LIMITED)",
    path: PAGES.migration,
    api: {
      ...migration({ step: "security" }),
      "POST /api/migration/create": fail("RATE_LIMITED", { retryAfter: 120 }),
    },
    play: async () => {
      await fillSecurity();
      await press("Valider");
    },
  },
  {
    id: "wizard-link",
    group: "Changement d'identifiant",
    title: "Étape 2 – associer un identifiant existant (Jean)",
    path: PAGES.migration,
    api: migration({ firstName: "Jean", step: "link", proposedEmail: "jean.martin@example.fr" }),
  },
  ...(
    [
      ["wizard-link-wrong", "Étape 2 – associer : mauvais mot de passe", "INVALID_CREDENTIALS"],
      [
        "wizard-link-not-validated",
        "Étape 2 – associer : identité non validée (Emma)",
        "IDENTITY_NOT_VALIDATED",
      ],
      ["wizard-link-locked", "Étape 2 – associer : identité bloquée (Hugo)", "IDENTITY_LOCKED"],
    ] as const
  ).map(
    ([id, title, code]): Scenario => ({
      id,
      group: "Changement d'identifiant",
      title,
      path: PAGES.migration,
      api: {
        ...migration({ firstName: "Emma", step: "link", proposedEmail: "emma.richard@example.fr" }),
        "POST /api/migration/link": fail(code),
      },
      play: async () => {
        await fill("connect-password", "Demo-Connect-2026");
        await press("Associer mon identifiant");
      },
    }),
  ),
  ...(
    [
      ["wizard-pending", "Étape 3 – email de validation envoyé (Antoine)", null],
      ["wizard-pending-resent", "Étape 3 – email renvoyé", ok()],
      [
        "wizard-pending-throttled",
        "Étape 3 – renvoi trop rapproché",
        fail("RATE_LIMITED", { retryAfter: 59 }),
      ],
    ] as const
  ).map(
    ([id, title, resend]): Scenario => ({
      id,
      group: "Changement d'identifiant",
      title,
      path: PAGES.migration,
      api: {
        ...migration({
          firstName: "Antoine",
          step: "pending",
          proposedEmail: "antoine.perso@example.org",
          pendingEmail: "antoine.perso@example.org",
        }),
        ...(resend ? { "POST /api/migration/resend": resend } : {}),
      },
      ...(resend ? { play: () => press("Renvoyer l'email") } : {}),
    }),
  ),

  // ------------------------------------------------------------------ validation link
  {
    id: "validation-ready",
    group: "Lien de validation",
    title: "Avant le clic « Valider mon adresse »",
    path: PAGES.validateEmail,
    token: true,
    api: {
      "POST /api/migration/confirm": ok({
        state: "anonymous",
        validatedEmail: "antoine.perso@example.org",
      }),
    },
  },
  ...(
    [
      [
        "validation-validated",
        "Adresse validée (autre navigateur)",
        ok({ state: "anonymous", validatedEmail: "antoine.perso@example.org" }),
      ],
      ["validation-invalid", "Lien invalide ou expiré", fail("TOKEN_INVALID")],
      ["validation-taken", "Adresse prise entre-temps", fail("EMAIL_TAKEN")],
      [
        "validation-failed",
        "La validation n'a pas abouti (trop de tentatives)",
        fail("RATE_LIMITED", { retryAfter: 30 }),
      ],
    ] as const
  ).map(
    ([id, title, reply]): Scenario => ({
      id,
      group: "Lien de validation",
      title,
      path: PAGES.validateEmail,
      token: true,
      api: { "POST /api/migration/confirm": reply },
      play: () => press("Valider mon adresse"),
    }),
  ),
  {
    id: "validation-incomplete",
    group: "Lien de validation",
    title: "Lien incomplet (sans jeton)",
    path: PAGES.validateEmail,
  },

  // ------------------------------------------------------------------ cancel link
  {
    id: "cancel-ready",
    group: "Annulation d'un changement d'identifiant",
    title: "Avant le clic « Annuler cette demande »",
    path: PAGES.cancelMigration,
    token: true,
    api: {
      "POST /api/migration/cancel": ok({
        status: "cancelled",
        message: CANCELLED,
      }),
    },
  },
  ...(
    [
      [
        "cancel-done",
        "Demande annulée",
        ok({
          status: "cancelled",
          message: CANCELLED,
        }),
      ],
      ["cancel-invalid", "Lien invalide, déjà utilisé ou expiré", fail("TOKEN_INVALID")],
      ["cancel-throttled", "Trop de tentatives", fail("RATE_LIMITED", { retryAfter: 45 })],
    ] as const
  ).map(
    ([id, title, reply]): Scenario => ({
      id,
      group: "Annulation d'un changement d'identifiant",
      title,
      path: PAGES.cancelMigration,
      token: true,
      api: { "POST /api/migration/cancel": reply },
      play: () => press("Annuler cette demande"),
    }),
  ),
  {
    id: "cancel-incomplete",
    group: "Annulation d'un changement d'identifiant",
    title: "Lien incomplet (sans jeton)",
    path: PAGES.cancelMigration,
  },

  // ------------------------------------------------------------------ E. Espace
  {
    id: "espace-migrated",
    group: "Espace personnel",
    title: "Juste après le changement",
    path: PAGES.memberArea,
    state: { notice: "migrated", email: "marie.dupont@example.fr" },
    api: {
      "GET /api/session": ok({
        state: "member",
        firstName: "Marie",
        email: "marie.dupont@example.fr",
      }),
      "GET /api/me": ok({
        firstName: "Marie",
        lastName: "Dupont",
        email: "marie.dupont@example.fr",
        migratedAt: "2026-03-14T10:12:00.000Z",
      }),
    },
  },

  // ------------------------------------------------------------------ D. before migration
  ...legacy("forgot-password", PAGES.legacyForgotPassword, "Mot de passe oublié (Espace)"),
  ...legacy("unlock", PAGES.legacyUnlock, "Débloquer mon compte"),
  {
    id: "legacy-reset-form",
    group: "Nouveau mot de passe (Espace)",
    title: "Formulaire",
    path: PAGES.legacyReset,
    token: true,
  },
  {
    id: "legacy-reset-invalid",
    group: "Nouveau mot de passe (Espace)",
    title: "Lien invalide",
    path: PAGES.legacyReset,
  },
  {
    id: "legacy-reset-done",
    group: "Nouveau mot de passe (Espace)",
    title: "Mot de passe modifié",
    path: PAGES.legacyReset,
    token: true,
    api: { "POST /api/legacy/reset-password": ok() },
    play: async () => {
      await fill("new-password", STRONG);
      await fill("confirmation", STRONG);
      await wait(600);
      await press("Enregistrer le nouveau mot de passe");
    },
  },

  // ------------------------------------------------------------------ F. MGEN Connect reset
  {
    id: "connect-forgot",
    group: "Mot de passe MGEN Connect",
    title: "Vide",
    path: PAGES.connectForgotPassword,
  },
  {
    id: "connect-forgot-errors",
    group: "Mot de passe MGEN Connect",
    title: "Erreur",
    path: PAGES.connectForgotPassword,
    play: async () => {
      await fill("email", "luc.robert@");
      await press("Recevoir un lien");
    },
  },
  {
    id: "connect-forgot-sent",
    group: "Mot de passe MGEN Connect",
    title: "Demande envoyée",
    path: PAGES.connectForgotPassword,
    api: {
      "POST /api/connect/forgot-password": ok({
        message:
          "Si cette adresse correspond à un identifiant MGEN Connect, un email vous a été envoyé.",
      }),
    },
    play: async () => {
      await fill("email", "luc.robert@example.fr");
      await press("Recevoir un lien");
    },
  },
  {
    id: "connect-reset-continue",
    group: "Mot de passe MGEN Connect",
    title: "Lien ouvert, avant « Continuer »",
    path: PAGES.connectReset,
    token: true,
    api: { "POST /api/connect/reset-password/inspect": ok({ secretQuestion: QUESTION }) },
  },
  {
    id: "connect-reset-question",
    group: "Mot de passe MGEN Connect",
    title: "Nouveau mot de passe, avec question secrète (Luc)",
    path: PAGES.connectReset,
    token: true,
    api: { "POST /api/connect/reset-password/inspect": ok({ secretQuestion: QUESTION }) },
    play: () => press("Continuer"),
  },
  {
    id: "connect-reset-wrong-answer",
    group: "Mot de passe MGEN Connect",
    title: "Mauvaise réponse secrète",
    path: PAGES.connectReset,
    token: true,
    api: {
      "POST /api/connect/reset-password/inspect": ok({ secretQuestion: QUESTION }),
      "POST /api/connect/reset-password": fail("WRONG_SECRET_ANSWER"),
    },
    play: async () => {
      await press("Continuer");
      await fillConnectReset("Rex");
      await press("Enregistrer le nouveau mot de passe");
    },
  },
  {
    id: "connect-reset-locked",
    group: "Mot de passe MGEN Connect",
    title: "Trop de mauvaises réponses en 24 h (ACCOUNT_LOCKED)",
    path: PAGES.connectReset,
    token: true,
    api: {
      "POST /api/connect/reset-password/inspect": ok({ secretQuestion: QUESTION }),
      "POST /api/connect/reset-password": fail("ACCOUNT_LOCKED", {
        message:
          "Trop de réponses erronées à votre question secrète ces dernières 24 heures : pour protéger votre compte, la réinitialisation est suspendue. Appelez un conseiller du service adhérents, qui vérifiera votre identité et vous aidera.",
      }),
    },
    play: async () => {
      await press("Continuer");
      await fillConnectReset("Rex");
      await press("Enregistrer le nouveau mot de passe");
    },
  },
  {
    id: "connect-reset-invalid",
    group: "Mot de passe MGEN Connect",
    title: "Lien invalide",
    path: PAGES.connectReset,
    token: true,
    api: { "POST /api/connect/reset-password/inspect": fail("TOKEN_INVALID") },
    play: () => press("Continuer"),
  },
  {
    id: "connect-reset-incomplete",
    group: "Mot de passe MGEN Connect",
    title: "Lien incomplet (sans jeton)",
    path: PAGES.connectReset,
  },
  {
    id: "connect-reset-done",
    group: "Mot de passe MGEN Connect",
    title: "Mot de passe modifié (identité sans Espace)",
    path: PAGES.connectReset,
    token: true,
    api: {
      "POST /api/connect/reset-password/inspect": ok({ secretQuestion: null }),
      "POST /api/connect/reset-password": ok({ status: "ok", linkedToEspace: false }),
    },
    play: async () => {
      await press("Continuer");
      await fillConnectReset();
      await press("Enregistrer le nouveau mot de passe");
    },
  },

  // ------------------------------------------------------------------ G. help, others
  { id: "help", group: "Aide et divers", title: "Aide", path: PAGES.help },
  {
    id: "help-create-email",
    group: "Aide et divers",
    title: "Créer une adresse email",
    path: PAGES.helpCreateEmail,
  },
  { id: "not-found", group: "Aide et divers", title: "Page introuvable", path: "/nulle-part" },
  {
    id: "mailbox",
    group: "Aide et divers",
    title: "Boîte de réception de développement",
    path: "/dev/mailbox",
    api: {
      "GET /api/dev/mailbox": ok([
        {
          id: "m1",
          to: "paul.petit@example.fr",
          subject: "Débloquez votre compte",
          text: "Bonjour Paul,\n\nOuvrez ce lien pour choisir un nouveau mot de passe :\nhttp://localhost:5173/reinitialisation#token=exemple\n",
          html: "<p>Bonjour Paul</p>",
          links: ["http://localhost:5173/reinitialisation#token=exemple"],
          receivedAt: "2026-03-14T10:12:00.000Z",
        },
      ]),
    },
  },
];
