import { PAGES } from "@mgen/contracts/rules";
import { Link } from "react-router";
import { HELP_SECTIONS, helpHref } from "../../lib/help";
import { usePageTitle } from "../../lib/page-title";
import { ExternalLink } from "../../ui/external-link";
import { MemberService } from "../../ui/member-service";
import { PageHeading } from "../../ui/page-heading";
import { EMAIL_PROVIDERS } from "./providers";

/** `/aide/creer-une-adresse-email`, where step 1 of the wizard sends a member without one. */
export function CreateEmailPage() {
  usePageTitle("Créer une adresse email");
  return (
    <>
      <PageHeading>Créer une adresse email</PageHeading>
      <p className="lead">
        Une adresse email gratuite suffit pour vous connecter à votre Espace personnel.
      </p>

      <h2>Pourquoi une adresse à vous ?</h2>
      <ul>
        <li>
          Votre adresse email devient votre identifiant personnel : c'est elle que vous saisirez
          pour vous connecter.
        </li>
        <li>
          Nous y envoyons les messages importants pour la sécurité de votre compte (changement de
          mot de passe, compte bloqué).
        </li>
        <li>
          Une adresse ne peut servir d'identifiant qu'à un seul Espace personnel : une adresse
          partagée avec un autre adhérent de la famille ne convient pas.
        </li>
      </ul>

      <h2>Créer votre adresse</h2>
      <ol>
        <li>Choisissez un fournisseur ci-dessous : son site s'ouvre dans un nouvel onglet.</li>
        <li>Suivez ses étapes d'inscription.</li>
        <li>Notez bien votre nouvelle adresse et son mot de passe.</li>
      </ol>
      <ul className="link-list">
        {EMAIL_PROVIDERS.map((provider) => (
          <li key={provider.name}>
            <ExternalLink href={provider.href}>Créer une adresse {provider.name}</ExternalLink>
          </li>
        ))}
      </ul>

      <p>
        Une fois votre adresse créée, revenez ici et reconnectez-vous avec votre numéro de sécurité
        sociale.
      </p>
      <p className="actions">
        <Link className="button" to={PAGES.signIn}>
          Me connecter
        </Link>
      </p>
      <p className="muted">
        Besoin d'aide pour créer votre adresse ? Un proche peut vous accompagner, ou appelez{" "}
        <MemberService />.
      </p>
      <p>
        <Link to={helpHref(HELP_SECTIONS.noEmail)}>Revenir à l'aide</Link>
      </p>
    </>
  );
}
