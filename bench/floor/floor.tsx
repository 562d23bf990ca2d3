/**
 * The floor of figure 4: React alone (react + react-dom, nothing else) rendering the very
 * form of the static page. No router, no query cache, no validation: what any React SPA
 * pays before its first interactive frame on this machine.
 */
import { createRoot } from "react-dom/client";

function SignInForm() {
  return (
    <main className="page">
      <h1>Connexion à votre Espace personnel</h1>
      <form className="form" noValidate onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor="identifier">Identifiant</label>
          <p className="hint" id="identifier-hint">
            Votre numéro de sécurité sociale (15 caractères) ou votre adresse email MGEN Connect
          </p>
          <input
            className="input"
            type="text"
            id="identifier"
            name="identifier"
            autoComplete="username"
            aria-describedby="identifier-hint"
          />
        </div>
        <div className="field">
          <label htmlFor="password">Mot de passe</label>
          <input
            className="input"
            type="password"
            id="password"
            name="password"
            autoComplete="current-password"
          />
        </div>
        <button type="submit" className="button">
          Se connecter
        </button>
      </form>
    </main>
  );
}

const root = document.getElementById("root");
if (!root) throw new Error("no #root");
createRoot(root).render(<SignInForm />);
