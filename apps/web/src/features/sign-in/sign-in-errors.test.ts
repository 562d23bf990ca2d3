import { ERROR_MESSAGES } from "@mgen/contracts";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../lib/api";
import { describeSignInError } from "./sign-in-errors";

const error = (code: ConstructorParameters<typeof ApiError>[1], message = "Message du serveur.") =>
  new ApiError(400, code, message);

describe("describeSignInError", () => {
  it("names the kind of identifier in the wrong-credentials message", () => {
    expect(describeSignInError(error("INVALID_CREDENTIALS"), "nir").message).toBe(
      "Numéro de sécurité sociale ou mot de passe incorrect.",
    );
    expect(describeSignInError(error("INVALID_CREDENTIALS"), "email").message).toBe(
      "Adresse email ou mot de passe incorrect.",
    );
  });

  it("leads a wrong NIR or password to the forgotten password, and warns of the lock", () => {
    const problem = describeSignInError(error("INVALID_CREDENTIALS"), "nir");
    expect(problem.note).toBe("Au bout de 5 erreurs, votre compte sera bloqué.");
    expect(problem.links).toEqual([
      { label: "Mot de passe oublié ?", to: "/mot-de-passe-oublie" },
      { label: "Aide : mot de passe oublié", to: "/aide#mot-de-passe-oublie" },
    ]);
  });

  it("leads a wrong email or password to the MGEN Connect reset", () => {
    const problem = describeSignInError(error("INVALID_CREDENTIALS"), "email");
    expect(problem.note).toMatch(/^Au bout de 5 erreurs/);
    expect(problem.links).toEqual([
      { label: "Mot de passe MGEN Connect oublié ?", to: "/connect/mot-de-passe-oublie" },
      { label: "Aide : mot de passe MGEN Connect oublié", to: "/aide#mot-de-passe-connect-oublie" },
    ]);
  });

  it("offers the unlock page and its help section for a locked Espace", () => {
    const problem = describeSignInError(error("ACCOUNT_LOCKED"), "nir");
    expect(problem.message).toBe("Message du serveur.");
    expect(problem.links).toEqual([
      { label: "Débloquer mon compte", to: "/debloquer-mon-compte" },
      { label: "Aide : compte bloqué", to: "/aide#compte-bloque" },
    ]);
  });

  it("offers to switch to the email identifier once migrated, without showing any address", () => {
    const problem = describeSignInError(error("ALREADY_MIGRATED"), "nir");
    expect(problem.message).toMatch(/^La connexion à votre Espace personnel se fait désormais/);
    expect(problem.message).not.toMatch(/@/);
    expect(problem.action).toEqual({
      kind: "switch-identifier",
      label: "Se connecter avec mon adresse email",
    });
    expect(problem.links.map((l) => l.to)).toContain("/aide#deja-migre");
  });

  it("leads to password creation when none was ever created", () => {
    const problem = describeSignInError(error("NO_PASSWORD"), "nir");
    expect(problem.links).toContainEqual({
      label: "Créer mon mot de passe",
      to: "/mot-de-passe-oublie",
    });
    expect(problem.links.map((l) => l.to)).toContain("/aide#pas-de-mot-de-passe");
  });

  it("says, in the server's words, that a reset link was emailed to an unvalidated or locked identity", () => {
    for (const code of ["IDENTITY_NOT_VALIDATED", "IDENTITY_LOCKED"] as const) {
      const sent = `${ERROR_MESSAGES[code]} (lien envoyé)`;
      expect(describeSignInError(error(code, sent), "email").message).toBe(sent);
    }
  });

  it("leads unvalidated and locked identities to the MGEN Connect reset", () => {
    const reset = {
      label: "Réinitialiser mon mot de passe MGEN Connect",
      to: "/connect/mot-de-passe-oublie",
    };
    const notValidated = describeSignInError(error("IDENTITY_NOT_VALIDATED"), "email");
    const locked = describeSignInError(error("IDENTITY_LOCKED"), "email");
    expect(notValidated.links).toContainEqual(reset);
    expect(notValidated.links.map((l) => l.to)).toContain("/aide#identite-non-validee");
    expect(locked.links).toContainEqual(reset);
    expect(locked.links.map((l) => l.to)).toContain("/aide#identite-connect-bloquee");
  });

  it("shows the server's word on a lock: it says whether an email was sent", () => {
    const sent = `${ERROR_MESSAGES.ACCOUNT_LOCKED} Un email vous a été envoyé à votre adresse de contact.`;
    expect(describeSignInError(error("ACCOUNT_LOCKED", sent), "nir").message).toBe(sent);
  });

  it("asks a user of another site to sign in by NIR first", () => {
    const problem = describeSignInError(error("IDENTITY_NOT_LINKED"), "email");
    expect(problem.message).toBe(ERROR_MESSAGES.IDENTITY_NOT_LINKED);
    expect(problem.action?.label).toBe("Se connecter avec mon numéro de sécurité sociale");
  });

  it("gives every refusal a way out and its help section", () => {
    const cases = [
      ["INVALID_CREDENTIALS", "nir", "/mot-de-passe-oublie", "/aide#mot-de-passe-oublie"],
      [
        "INVALID_CREDENTIALS",
        "email",
        "/connect/mot-de-passe-oublie",
        "/aide#mot-de-passe-connect-oublie",
      ],
      ["ACCOUNT_LOCKED", "nir", "/debloquer-mon-compte", "/aide#compte-bloque"],
      ["ALREADY_MIGRATED", "nir", "/connect/mot-de-passe-oublie", "/aide#deja-migre"],
      ["NO_PASSWORD", "nir", "/mot-de-passe-oublie", "/aide#pas-de-mot-de-passe"],
      [
        "IDENTITY_NOT_VALIDATED",
        "email",
        "/connect/mot-de-passe-oublie",
        "/aide#identite-non-validee",
      ],
      [
        "IDENTITY_LOCKED",
        "email",
        "/connect/mot-de-passe-oublie",
        "/aide#identite-connect-bloquee",
      ],
      ["IDENTITY_NOT_LINKED", "email", "/aide", "/aide"],
    ] as const;
    for (const [code, kind, wayOut, help] of cases) {
      const targets = describeSignInError(error(code), kind).links.map((l) => l.to);
      expect(targets, code).toContain(wayOut);
      expect(targets.at(-1), code).toBe(help);
    }
  });

  it("shows the server's own message for throttling and the unexpected", () => {
    expect(describeSignInError(error("RATE_LIMITED", "Patientez une minute."), "nir")).toEqual({
      message: "Patientez une minute.",
      links: [],
    });
    expect(describeSignInError(error("INTERNAL", "Oups."), "email").message).toBe("Oups.");
  });
});
