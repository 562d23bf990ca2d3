import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, CONSEILLER, fakeApi, ok, renderConsole, session } from "../../test/console";

const TOTP_OK = { name: CONSEILLER.name, role: CONSEILLER.role };

async function passPasswordStep(user: ReturnType<typeof renderConsole>["user"]) {
  await user.type(screen.getByLabelText("Adresse email"), "Conseiller@MGEN.example ");
  await user.type(screen.getByLabelText("Mot de passe"), "Demo-Staff-2026");
  await user.click(screen.getByRole("button", { name: "Continuer" }));
  return screen.findByRole("textbox", { name: "Code de vérification" });
}

describe("sign-in page", () => {
  it("asks the code once the password is accepted, and says when the code is wrong", async () => {
    const api = fakeApi({
      "POST /api/staff/login": ok({ mfa: "totp" }),
      "POST /api/staff/login/totp": apiError(
        401,
        "INVALID_CREDENTIALS",
        "Code de vérification incorrect.",
        {
          code: "Code incorrect.",
        },
      ),
    });
    const { user } = renderConsole("/console/connexion");
    expect(document.title).toBe("Connexion — Console MGEN Connect");

    const code = await passPasswordStep(user);
    expect(code).toHaveAttribute("inputmode", "numeric");
    expect(code).toHaveAttribute("autocomplete", "one-time-code");
    expect(code).toHaveFocus();
    expect(screen.queryByLabelText("Adresse email")).not.toBeInTheDocument();

    await user.type(code, "123 456");
    await user.click(screen.getByRole("button", { name: "Se connecter" }));

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Code de vérification incorrect.");
    await waitFor(() => expect(alert).toHaveFocus());
    // Still at step 2, ready for the next code.
    expect(screen.getByRole("textbox", { name: "Code de vérification" })).toHaveValue("");

    const [login] = api.to("POST /api/staff/login");
    expect(login?.body).toEqual({ email: "conseiller@mgen.example", password: "Demo-Staff-2026" });
    expect(login?.headers["Content-Type"]).toBe("application/json");
    expect(login?.credentials).toBe("same-origin");
    const [totp] = api.to("POST /api/staff/login/totp");
    expect(totp?.body).toEqual({ code: "123456" });
    expect(totp?.headers["Content-Type"]).toBe("application/json");
  });

  it("goes back to step 1 with the server's message when the password step is gone", async () => {
    fakeApi({
      "POST /api/staff/login": ok({ mfa: "totp" }),
      "POST /api/staff/login/totp": apiError(
        401,
        "UNAUTHENTICATED",
        "Votre session a expiré ou n'est pas ouverte : connectez-vous à nouveau.",
      ),
    });
    const { user } = renderConsole("/console/connexion");
    const code = await passPasswordStep(user);
    await user.type(code, "654321");
    await user.click(screen.getByRole("button", { name: "Se connecter" }));

    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Votre session a expiré ou n'est pas ouverte : connectez-vous à nouveau.",
    );
    expect(screen.getByLabelText("Adresse email")).toHaveValue("");
    expect(screen.getByRole("button", { name: "Continuer" })).toBeInTheDocument();
    expect(screen.queryByLabelText("Code de vérification")).not.toBeInTheDocument();
  });

  it("shows the refusal of the password step (a locked account) and stays at step 1", async () => {
    const message = "Ce compte est bloqué après 5 erreurs : un superviseur peut le débloquer.";
    fakeApi({ "POST /api/staff/login": apiError(423, "ACCOUNT_LOCKED", message) });
    const { user } = renderConsole("/console/connexion");
    await user.type(screen.getByLabelText("Adresse email"), "conseiller@mgen.example");
    await user.type(screen.getByLabelText("Mot de passe"), "Demo-Staff-2026");
    await user.click(screen.getByRole("button", { name: "Continuer" }));

    expect(await screen.findByRole("alert")).toHaveTextContent(message);
    expect(screen.queryByLabelText("Code de vérification")).not.toBeInTheDocument();
  });

  it("checks the code's form before sending it", async () => {
    const api = fakeApi({ "POST /api/staff/login": ok({ mfa: "totp" }) });
    const { user } = renderConsole("/console/connexion");
    const code = await passPasswordStep(user);
    await user.type(code, "12ab");
    await user.click(screen.getByRole("button", { name: "Se connecter" }));

    const summary = await screen.findByRole("alert");
    expect(summary).toHaveTextContent("Le code de vérification compte 6 chiffres.");
    await waitFor(() => expect(summary).toHaveFocus());
    expect(code).toHaveAccessibleDescription(
      expect.stringContaining("Le code de vérification compte 6 chiffres."),
    );
    expect(api.to("POST /api/staff/login/totp")).toHaveLength(0);
  });

  it("opens the search once the code is right, with the adviser in the header", async () => {
    fakeApi({
      "POST /api/staff/login": ok({ mfa: "totp" }),
      "POST /api/staff/login/totp": ok(TOTP_OK),
      "GET /api/staff/session": session(CONSEILLER),
    });
    const { user } = renderConsole("/console/connexion");
    const code = await passPasswordStep(user);
    await user.type(code, "123456");
    await user.click(screen.getByRole("button", { name: "Se connecter" }));

    expect(
      await screen.findByRole("heading", { level: 1, name: "Rechercher un adhérent" }),
    ).toHaveFocus();
    expect(screen.getByText(CONSEILLER.name)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Se déconnecter" })).toBeInTheDocument();
  });
});
