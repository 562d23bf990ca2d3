import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, fakeApi, ok, renderConsole } from "../../test/console";

const INFO = {
  email: "camille@mgen.example",
  name: "Camille Conseil",
  otpauthUri:
    "otpauth://totp/MGEN%20Connect:camille%40mgen.example?secret=JBSWY3DPEHPK3PXP&issuer=MGEN%20Connect&algorithm=SHA1&digits=6&period=30",
  secret: "JBSWY3DPEHPK3PXP",
};
const TOKEN = "tok_3f9a-b2";
const PASSWORD = "Une phrase assez longue 2026";

describe("enrolment page", () => {
  it("shows the key as text and as a QR code, and sends the token in the body only", async () => {
    const api = fakeApi({ "POST /api/staff/enrolment/inspect": ok(INFO) });
    renderConsole(`/console/enrolement#token=${TOKEN}`);

    expect(await screen.findByText("JBSW Y3DP EHPK 3PXP")).toBeVisible();
    const qr = screen.getByRole("img", {
      name: "QR code de votre clé, à scanner avec votre application d'authentification",
    });
    expect(qr.tagName.toLowerCase()).toBe("svg");
    // A real code: hundreds of dark modules, each a unit square of the path.
    const modules =
      qr
        .querySelector("path")
        ?.getAttribute("d")
        ?.match(/M\d+ \d+h1v1h-1z/g) ?? [];
    expect(modules.length).toBeGreaterThan(200);
    expect(qr.innerHTML).not.toContain("data:");
    expect(screen.getByText(/camille@mgen\.example/)).toBeInTheDocument();
    expect(document.title).toBe("Activation du compte — Console MGEN Connect");

    const [inspect] = api.calls;
    expect(inspect?.path).toBe("/api/staff/enrolment/inspect");
    expect(inspect?.body).toEqual({ token: TOKEN });
    expect(api.calls.every((call) => !call.query.toString().includes(TOKEN))).toBe(true);
  });

  it("sets the password with a first code, then leads to the sign-in", async () => {
    const api = fakeApi({
      "POST /api/staff/enrolment/inspect": ok(INFO),
      "POST /api/staff/enrolment": ok({ status: "ok" }),
    });
    const { user } = renderConsole(`/console/enrolement#token=${TOKEN}`);
    await screen.findByText("JBSW Y3DP EHPK 3PXP");

    await user.type(screen.getByLabelText("Nouveau mot de passe"), PASSWORD);
    await user.type(screen.getByLabelText("Confirmez le mot de passe"), PASSWORD);
    await user.type(screen.getByRole("textbox", { name: "Code de vérification" }), "123456");
    await user.click(screen.getByRole("button", { name: "Activer mon compte" }));

    expect(await screen.findByRole("heading", { name: "Votre compte est prêt" })).toHaveFocus();
    expect(screen.getByRole("link", { name: "Se connecter" })).toHaveAttribute(
      "href",
      "/console/connexion",
    );
    expect(api.to("POST /api/staff/enrolment")[0]?.body).toEqual({
      token: TOKEN,
      password: PASSWORD,
      code: "123456",
    });
  });

  it("shows a refused password by its field", async () => {
    const message = "Ce mot de passe est trop facile à deviner : choisissez-en un autre.";
    fakeApi({
      "POST /api/staff/enrolment/inspect": ok(INFO),
      "POST /api/staff/enrolment": apiError(400, "WEAK_PASSWORD", message),
    });
    const { user } = renderConsole(`/console/enrolement#token=${TOKEN}`);
    await screen.findByText("JBSW Y3DP EHPK 3PXP");

    const password = screen.getByLabelText("Nouveau mot de passe");
    await user.type(password, "azertyuiop12");
    await user.type(screen.getByLabelText("Confirmez le mot de passe"), "azertyuiop12");
    await user.type(screen.getByRole("textbox", { name: "Code de vérification" }), "123456");
    await user.click(screen.getByRole("button", { name: "Activer mon compte" }));

    await waitFor(() =>
      expect(password).toHaveAccessibleDescription(expect.stringContaining(message)),
    );
    expect(
      screen.queryByRole("heading", { name: "Votre compte est prêt" }),
    ).not.toBeInTheDocument();
  });

  it("tells an adviser whose link is no longer valid to ask a superviseur", async () => {
    fakeApi({
      "POST /api/staff/enrolment/inspect": apiError(
        400,
        "TOKEN_INVALID",
        "Ce lien n'est plus valable.",
      ),
    });
    renderConsole(`/console/enrolement#token=${TOKEN}`);

    expect(
      await screen.findByRole("heading", { name: "Ce lien d'enrôlement n'est plus valable" }),
    ).toBeVisible();
    expect(
      screen.getByText(/Demandez un nouveau lien d'enrôlement à un superviseur/),
    ).toBeVisible();
    expect(screen.queryByLabelText("Nouveau mot de passe")).not.toBeInTheDocument();
  });

  it("says a link without its token is incomplete, without asking the server", async () => {
    const api = fakeApi({});
    renderConsole("/console/enrolement");
    expect(screen.getByRole("heading", { name: "Lien d'enrôlement incomplet" })).toBeVisible();
    expect(api.calls).toHaveLength(0);
  });
});
