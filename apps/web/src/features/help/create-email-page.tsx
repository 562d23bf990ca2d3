import { Link } from "react-router";
import { HELP_SECTIONS, helpHref } from "../../lib/help";
import { usePageTitle } from "../../lib/page-title";
import { ExternalLink } from "../../ui/external-link";
import { PageHeading } from "../../ui/page-heading";
import { EMAIL_PROVIDERS } from "./providers";

export function CreateEmailPage() {
  usePageTitle("Créer une adresse email");
  return (
    <>
      <PageHeading>Créer une adresse email</PageHeading>
      <p className="lead">
        Une adresse email gratuite suffit pour vous connecter à votre Espace personnel.
      </p>
      <ol>
        <li>Choisissez un fournisseur ci-dessous et suivez ses étapes d'inscription.</li>
        <li>Notez bien votre nouvelle adresse et son mot de passe.</li>
        <li>
          Revenez vous connecter avec votre numéro de sécurité sociale et indiquez cette adresse
          comme identifiant.
        </li>
      </ol>
      <ul className="link-list">
        {EMAIL_PROVIDERS.map((provider) => (
          <li key={provider.name}>
            <ExternalLink href={provider.href}>Créer une adresse {provider.name}</ExternalLink>
          </li>
        ))}
      </ul>
      <p className="muted">
        Si vous avez besoin d'aide pour créer votre adresse, un proche peut vous accompagner, ou
        appelez le service adhérents de la MGEN.
      </p>
      <ul className="link-list">
        <li>
          <Link to="/connexion">Revenir à la connexion</Link>
        </li>
        <li>
          <Link to={helpHref(HELP_SECTIONS.noEmail)}>Revenir à l'aide</Link>
        </li>
      </ul>
    </>
  );
}
