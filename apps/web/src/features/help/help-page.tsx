import { PAGES } from "@mgen/contracts/rules";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { CONNECTION_FAQ_URL, HELP_SECTIONS, type HelpSection, helpHref } from "../../lib/help";
import { usePageTitle } from "../../lib/page-title";
import { ExternalLink } from "../../ui/external-link";
import { MemberService } from "../../ui/member-service";
import { PageHeading } from "../../ui/page-heading";
import { EMAIL_PROVIDERS } from "./providers";

type Section = { id: HelpSection | typeof OTHER_QUESTIONS; title: string; body: ReactNode };

const OTHER_QUESTIONS = "autres-questions";

/** Written for members who are not at ease online: short sentences, steps, one way out. */
const SECTIONS: Section[] = [
  {
    id: HELP_SECTIONS.noEmail,
    title: "Je n'ai pas d'adresse email",
    body: (
      <>
        <p>
          Pour vous connecter à votre Espace personnel, il vous faut désormais une adresse email à
          vous.
        </p>
        <h3>Pourquoi une adresse à vous ?</h3>
        <ul>
          <li>
            Cette adresse devient votre identifiant personnel : c'est elle que vous saisirez pour
            vous connecter.
          </li>
          <li>
            Nous y envoyons les messages importants pour la sécurité de votre compte (changement de
            mot de passe, compte bloqué).
          </li>
          <li>
            Une adresse ne peut servir d'identifiant qu'à un seul Espace personnel. Une adresse
            partagée en famille, déjà utilisée par un autre adhérent, ne convient donc pas.
          </li>
        </ul>
        <h3>Que faire ?</h3>
        <ol>
          <li>Créez gratuitement une adresse email. Un proche peut vous aider.</li>
          <li>Notez bien votre nouvelle adresse et son mot de passe.</li>
          <li>
            Reconnectez-vous avec votre numéro de sécurité sociale, puis indiquez cette adresse
            comme identifiant.
          </li>
        </ol>
        <ul className="link-list">
          <li>
            <Link to={PAGES.helpCreateEmail}>Créer une adresse email, pas à pas</Link>
          </li>
          {EMAIL_PROVIDERS.map((provider) => (
            <li key={provider.name}>
              <ExternalLink href={provider.href}>Créer une adresse {provider.name}</ExternalLink>
            </li>
          ))}
        </ul>
      </>
    ),
  },
  {
    id: HELP_SECTIONS.accountLocked,
    title: "Mon compte est bloqué",
    body: (
      <>
        <p>
          Après 5 erreurs de mot de passe, votre Espace personnel est bloqué pour le protéger. Pour
          le débloquer, vous choisissez un nouveau mot de passe.
        </p>
        <ol>
          <li>Ouvrez la page « Débloquer mon compte ».</li>
          <li>Indiquez votre numéro de sécurité sociale et votre date de naissance.</li>
          <li>
            Ouvrez l'email que nous envoyons à votre adresse email de contact (celle que la MGEN
            connaît déjà), et cliquez sur le lien dans l'heure.
          </li>
          <li>Choisissez un nouveau mot de passe : votre compte est débloqué.</li>
        </ol>
        <p>
          Vous n'avez pas d'adresse email de contact, ou vous ne recevez rien ? Regardez dans vos
          courriers indésirables, puis appelez <MemberService />.
        </p>
        <p>
          <Link to={PAGES.legacyUnlock}>Débloquer mon compte</Link>
        </p>
      </>
    ),
  },
  {
    id: HELP_SECTIONS.passwordForgotten,
    title: "J'ai oublié le mot de passe de mon Espace personnel",
    body: (
      <>
        <p>
          Cette aide concerne le mot de passe que vous utilisez avec votre numéro de sécurité
          sociale. Si vous vous connectez déjà avec votre adresse email, lisez plutôt{" "}
          <Link to={helpHref(HELP_SECTIONS.connectPasswordForgotten)}>
            « J'ai oublié le mot de passe de mon identifiant MGEN Connect »
          </Link>
          .
        </p>
        <ol>
          <li>Ouvrez la page « Mot de passe oublié ».</li>
          <li>Indiquez votre numéro de sécurité sociale et votre date de naissance.</li>
          <li>
            Ouvrez l'email que nous envoyons à votre adresse email de contact (celle que la MGEN
            connaît déjà), et cliquez sur le lien dans l'heure.
          </li>
          <li>Choisissez un nouveau mot de passe.</li>
        </ol>
        <p>
          Vous n'avez pas d'adresse email de contact, ou vous ne recevez rien ? Regardez dans vos
          courriers indésirables, puis appelez <MemberService />.
        </p>
        <p>
          <Link to={PAGES.legacyForgotPassword}>
            Recevoir un lien pour changer mon mot de passe
          </Link>
        </p>
      </>
    ),
  },
  {
    id: HELP_SECTIONS.alreadyMigrated,
    title: "On me demande de me connecter avec mon adresse email",
    body: (
      <>
        <p>
          Vous avez déjà remplacé votre numéro de sécurité sociale par une adresse email : votre
          numéro ne permet plus de vous connecter.
        </p>
        <ol>
          <li>
            Sur la page de connexion, dans le champ « Identifiant », saisissez l'adresse email que
            vous avez choisie.
          </li>
          <li>
            Saisissez le mot de passe de votre identifiant MGEN Connect (et non l'ancien mot de
            passe de votre Espace personnel).
          </li>
        </ol>
        <p>
          Vous ne vous souvenez plus de ce mot de passe ? Choisissez-en un nouveau grâce au lien
          ci-dessous. Vous ne savez plus quelle adresse vous avez choisie ? Appelez{" "}
          <MemberService />.
        </p>
        <ul className="link-list">
          <li>
            <Link to={PAGES.signIn}>Me connecter avec mon adresse email</Link>
          </li>
          <li>
            <Link to={PAGES.connectForgotPassword}>
              Choisir un nouveau mot de passe MGEN Connect
            </Link>
          </li>
        </ul>
      </>
    ),
  },
  {
    id: HELP_SECTIONS.noPassword,
    title: "Je n'ai pas créé de mot de passe",
    body: (
      <>
        <p>
          Si vous n'avez pas créé de mot de passe lors de l'activation de votre compte, vous pouvez
          le faire maintenant.
        </p>
        <ol>
          <li>
            Ouvrez la page « Mot de passe oublié » : elle sert aussi à créer un premier mot de
            passe.
          </li>
          <li>Indiquez votre numéro de sécurité sociale et votre date de naissance.</li>
          <li>
            Ouvrez l'email que nous envoyons à votre adresse email de contact (celle que la MGEN
            connaît déjà), et cliquez sur le lien dans l'heure.
          </li>
          <li>Choisissez votre mot de passe.</li>
          <li>
            Connectez-vous avec votre numéro de sécurité sociale et ce mot de passe : vous pourrez
            alors choisir votre adresse email comme identifiant.
          </li>
        </ol>
        <p>
          Vous n'avez pas d'adresse email de contact, ou vous ne recevez rien ? Appelez{" "}
          <MemberService />.
        </p>
        <p>
          <Link to={PAGES.legacyForgotPassword}>Créer mon mot de passe</Link>
        </p>
      </>
    ),
  },
  {
    id: HELP_SECTIONS.identityNotValidated,
    title: "Mon identifiant MGEN Connect n'est pas validé",
    body: (
      <>
        <p>
          Une adresse email doit être confirmée avant de servir d'identifiant. Nous vous avons
          envoyé un email avec un lien : en choisissant un nouveau mot de passe grâce à ce lien,
          vous confirmez aussi votre adresse.
        </p>
        <ol>
          <li>
            Ouvrez l'email reçu (pensez à vos courriers indésirables) et cliquez sur le lien dans
            l'heure.
          </li>
          <li>Choisissez un nouveau mot de passe.</li>
          <li>
            Reconnectez-vous avec votre numéro de sécurité sociale pour terminer le changement
            d'identifiant.
          </li>
        </ol>
        <p>Vous ne trouvez pas l'email, ou le lien a expiré ? Demandez-en un nouveau.</p>
        <p>
          <Link to={PAGES.connectForgotPassword}>Recevoir un nouveau lien</Link>
        </p>
      </>
    ),
  },
  {
    id: HELP_SECTIONS.connectPasswordForgotten,
    title: "J'ai oublié le mot de passe de mon identifiant MGEN Connect",
    body: (
      <>
        <p>
          Votre identifiant MGEN Connect est l'adresse email avec laquelle vous vous connectez à
          votre Espace personnel, à MGEN Avantage ou au forum MGEN.
        </p>
        <ol>
          <li>Ouvrez la page « Mot de passe MGEN Connect oublié ».</li>
          <li>Indiquez votre adresse email.</li>
          <li>Ouvrez l'email reçu et cliquez sur le lien dans l'heure.</li>
          <li>
            Choisissez un nouveau mot de passe. Si une question secrète vous est posée, répondez-y.
          </li>
        </ol>
        <p>
          <Link to={PAGES.connectForgotPassword}>Réinitialiser mon mot de passe MGEN Connect</Link>
        </p>
      </>
    ),
  },
  {
    id: HELP_SECTIONS.identityLocked,
    title: "Mon identifiant MGEN Connect est bloqué",
    body: (
      <>
        <p>
          Après 5 erreurs de mot de passe, votre identifiant MGEN Connect est bloqué pour le
          protéger. Nous vous avons envoyé un email avec un lien pour le débloquer.
        </p>
        <ol>
          <li>
            Ouvrez cet email (pensez à vos courriers indésirables) et cliquez sur le lien dans
            l'heure.
          </li>
          <li>Choisissez un nouveau mot de passe : votre identifiant est débloqué.</li>
        </ol>
        <p>Vous ne trouvez pas l'email, ou le lien a expiré ? Demandez-en un nouveau.</p>
        <p>
          <Link to={PAGES.connectForgotPassword}>Débloquer mon identifiant MGEN Connect</Link>
        </p>
      </>
    ),
  },
  {
    id: OTHER_QUESTIONS,
    title: "Vous avez une autre question ?",
    body: (
      <>
        <p>Consultez les questions fréquentes de la MGEN sur la connexion.</p>
        <p>
          Vous préférez parler à quelqu'un ? Appelez <MemberService />
          &nbsp;: un conseiller vous aidera.
        </p>
        <ul className="link-list">
          <li>
            <ExternalLink href={CONNECTION_FAQ_URL}>
              Questions fréquentes sur la connexion
            </ExternalLink>
          </li>
          <li>
            <Link to={PAGES.signIn}>Revenir à la connexion</Link>
          </li>
        </ul>
      </>
    ),
  },
];

/** The troubleshooting guide (G): one anchored section per difficulty. */
export function HelpPage() {
  usePageTitle("Aide à la connexion");
  return (
    <>
      <PageHeading>Aide à la connexion</PageHeading>
      <p className="lead">Choisissez la difficulté que vous rencontrez.</p>
      <nav aria-label="Sommaire de l'aide">
        <ul>
          {SECTIONS.map((section) => (
            <li key={section.id}>
              <Link to={`#${section.id}`}>{section.title}</Link>
            </li>
          ))}
        </ul>
      </nav>

      {SECTIONS.map((section) => (
        <section key={section.id} className="help-section" aria-labelledby={section.id}>
          <h2 id={section.id} tabIndex={-1}>
            {section.title}
          </h2>
          {section.body}
        </section>
      ))}
    </>
  );
}
