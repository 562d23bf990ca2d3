import type { ReactNode } from "react";
import { Link } from "react-router";
import {
  CONNECTION_FAQ_URL,
  CREATE_EMAIL_PATH,
  HELP_SECTIONS,
  type HelpSection,
} from "../../lib/help";
import { usePageTitle } from "../../lib/page-title";
import { ExternalLink } from "../../ui/external-link";
import { PageHeading } from "../../ui/page-heading";
import { EMAIL_PROVIDERS } from "./providers";

type Section = { id: HelpSection; title: string; body: ReactNode };

const SECTIONS: Section[] = [
  {
    id: HELP_SECTIONS.noEmail,
    title: "Je n'ai pas d'adresse email",
    body: (
      <>
        <p>
          Une adresse email est désormais nécessaire pour vous connecter à votre Espace personnel.
          Vous pouvez en créer une gratuitement en quelques minutes, puis revenir vous connecter
          avec votre numéro de sécurité sociale pour la choisir comme identifiant.
        </p>
        <ul className="link-list">
          {EMAIL_PROVIDERS.map((provider) => (
            <li key={provider.name}>
              <ExternalLink href={provider.href}>Créer une adresse {provider.name}</ExternalLink>
            </li>
          ))}
          <li>
            <Link to={CREATE_EMAIL_PATH}>Comment créer une adresse email</Link>
          </li>
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
          Après 5 erreurs de mot de passe, votre Espace personnel est bloqué pour le protéger.
          Indiquez votre numéro de sécurité sociale et votre date de naissance : vous recevrez à
          votre adresse email de contact un lien pour choisir un nouveau mot de passe, ce qui
          débloque votre compte.
        </p>
        <p>
          <Link to="/debloquer-mon-compte">Débloquer mon compte</Link>
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
          Vous avez déjà remplacé votre numéro de sécurité sociale par une adresse email : c'est
          elle, votre identifiant MGEN Connect, qui vous permet désormais de vous connecter, avec le
          mot de passe qui lui est associé. Si vous ne vous en souvenez plus, choisissez-en un
          nouveau.
        </p>
        <p>
          <Link to="/connect/mot-de-passe-oublie">
            Choisir un nouveau mot de passe MGEN Connect
          </Link>
        </p>
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
          le faire maintenant : indiquez votre numéro de sécurité sociale et votre date de
          naissance, et vous recevrez un lien par email pour le créer.
        </p>
        <p>
          <Link to="/mot-de-passe-oublie">Créer mon mot de passe</Link>
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
          envoyé un email contenant un lien pour choisir un nouveau mot de passe : en l'utilisant,
          vous confirmez aussi votre adresse. Vous pourrez ensuite vous reconnecter.
        </p>
        <p>
          <Link to="/connect/mot-de-passe-oublie">Recevoir un nouveau lien</Link>
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
          Indiquez votre adresse email : si un identifiant MGEN Connect existe pour elle, vous
          recevrez un lien pour choisir un nouveau mot de passe. Ce lien est valable une heure.
        </p>
        <p>
          <Link to="/connect/mot-de-passe-oublie">Réinitialiser mon mot de passe MGEN Connect</Link>
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
          protéger. Un email contenant un lien vous a été envoyé : choisissez un nouveau mot de
          passe pour le débloquer.
        </p>
        <p>
          <Link to="/connect/mot-de-passe-oublie">Débloquer mon identifiant MGEN Connect</Link>
        </p>
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

      <section className="help-section" aria-labelledby="autres-questions">
        <h2 id="autres-questions">Vous avez une autre question ?</h2>
        <p>
          Consultez les questions fréquentes de la MGEN sur la connexion, ou revenez à la page de
          connexion.
        </p>
        <ul className="link-list">
          <li>
            <ExternalLink href={CONNECTION_FAQ_URL}>
              Questions fréquentes sur la connexion
            </ExternalLink>
          </li>
          <li>
            <Link to="/connexion">Revenir à la connexion</Link>
          </li>
        </ul>
      </section>
    </>
  );
}
