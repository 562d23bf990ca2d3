import { REASON_MESSAGE, type StaffMemberPage } from "@mgen/contracts/staff";
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import {
  apiError,
  CONSEILLER,
  fakeApi,
  ok,
  renderConsole,
  SUPERVISEUR,
  session,
} from "../../test/console";

const LOCKED: StaffMemberPage = {
  id: 7,
  firstName: "Paul",
  lastName: "Petit",
  birthDate: "1975-12-24",
  nirMasked: "1 75 12 •• ••• ••• 66",
  state: "locked",
  identifier: null,
  contactEmail: "paul.petit@example.fr",
  createdAt: "2026-01-05T08:00:00Z",
  migratedAt: null,
  espaceLocked: true,
  identityLocked: null,
  pending: null,
  timeline: [
    { at: "2026-03-01T09:00:00Z", event: "login.failed", channel: "nir" },
    { at: "2026-03-01T09:05:00Z", event: "account.locked", channel: "nir" },
  ],
};

const UNLOCKED: StaffMemberPage = {
  ...LOCKED,
  state: "not_started",
  espaceLocked: false,
  timeline: [
    ...LOCKED.timeline,
    { at: "2026-03-02T10:00:00Z", event: "account.unlocked", channel: "staff" },
  ],
};

const REASON = "  L'adhérent a appelé, identité vérifiée au téléphone.  ";

function actionForm(name: string) {
  return screen.getByRole("form", { name });
}

describe("member page", () => {
  it("shows who the member is, and the timeline newest first", async () => {
    fakeApi({
      "GET /api/staff/session": session(CONSEILLER),
      "GET /api/staff/members/7": ok(LOCKED),
    });
    renderConsole("/console/adherents/7");

    expect(await screen.findByRole("heading", { level: 1, name: "Paul Petit" })).toBeVisible();
    expect(document.title).toBe("Fiche adhérent — Console MGEN Connect");
    expect(screen.getByText("24/12/1975")).toBeInTheDocument();
    expect(screen.getByText("1 75 12 •• ••• ••• 66")).toBeInTheDocument();
    const rows = within(screen.getByRole("table")).getAllByRole("row");
    expect(rows[1]).toHaveTextContent("Compte bloqué");
    expect(rows[2]).toHaveTextContent("Connexion refusée");
    expect(rows[2]).toHaveTextContent("Numéro de sécurité sociale");
  });

  it("blocks an action whose reason is too short, with the message by the field", async () => {
    const api = fakeApi({
      "GET /api/staff/session": session(CONSEILLER),
      "GET /api/staff/members/7": ok(LOCKED),
      "POST /api/staff/members/7/unlock": ok({ espace: true, identity: false }),
    });
    const { user } = renderConsole("/console/adherents/7");
    await screen.findByRole("heading", { level: 1, name: "Paul Petit" });

    const form = actionForm("Déblocage");
    const reason = within(form).getByLabelText("Motif");
    await user.type(reason, "  appel   ");
    await user.click(within(form).getByRole("button", { name: "Débloquer" }));

    await waitFor(() =>
      expect(reason).toHaveAccessibleDescription(expect.stringContaining(REASON_MESSAGE)),
    );
    expect(reason).toHaveAttribute("aria-invalid", "true");
    const summary = await within(form).findByRole("alert");
    expect(summary).toHaveTextContent(REASON_MESSAGE);
    await waitFor(() => expect(summary).toHaveFocus());
    expect(api.to("POST /api/staff/members/7/unlock")).toHaveLength(0);
    expect(screen.queryByText(/débloqué/)).not.toBeInTheDocument();
  });

  it("unlocks, says so, and shows the new event once the page is asked again", async () => {
    const api = fakeApi({
      "GET /api/staff/session": session(CONSEILLER),
      "GET /api/staff/members/7": [ok(LOCKED), ok(UNLOCKED)],
      "POST /api/staff/members/7/unlock": ok({ espace: true, identity: false }),
    });
    const { user } = renderConsole("/console/adherents/7");
    await screen.findByRole("heading", { level: 1, name: "Paul Petit" });

    const form = actionForm("Déblocage");
    await user.type(within(form).getByLabelText("Motif"), REASON);
    await user.click(within(form).getByRole("button", { name: "Débloquer" }));

    const status = await screen.findByText(/Espace débloqué/);
    expect(status.closest("[role=status]")).toHaveFocus();
    const [unlock] = api.to("POST /api/staff/members/7/unlock");
    expect(unlock?.body).toEqual({ reason: REASON.trim() });
    expect(unlock?.headers["Content-Type"]).toBe("application/json");
    expect(unlock?.credentials).toBe("same-origin");

    // The page is asked again: the unlock is in the timeline, nothing is left to unlock.
    const newest = await screen.findByRole("cell", { name: "Compte débloqué" });
    expect(newest.closest("tr")).toHaveTextContent("Conseiller");
    expect(within(screen.getByRole("table")).getAllByRole("row")[1]).toBe(newest.closest("tr"));
    expect(screen.queryByRole("button", { name: "Débloquer" })).not.toBeInTheDocument();
  });

  it("shows the server's field message by the field it concerns", async () => {
    fakeApi({
      "GET /api/staff/session": session(CONSEILLER),
      "GET /api/staff/members/7": ok(LOCKED),
      "POST /api/staff/members/7/send-reset": apiError(400, "VALIDATION_ERROR", "Corrigez.", {
        reason: "Ce motif n'est pas accepté.",
      }),
    });
    const { user } = renderConsole("/console/adherents/7");
    await screen.findByRole("heading", { level: 1, name: "Paul Petit" });

    const form = actionForm("Mot de passe oublié");
    const reason = within(form).getByLabelText("Motif");
    await user.type(reason, REASON);
    await user.click(
      within(form).getByRole("button", { name: "Envoyer un lien de réinitialisation" }),
    );

    await waitFor(() =>
      expect(reason).toHaveAccessibleDescription(
        expect.stringContaining("Ce motif n'est pas accepté."),
      ),
    );
    expect(screen.queryByText(/Lien de réinitialisation envoyé/)).not.toBeInTheDocument();
  });

  it("offers the pending migration's actions when one waits, and the correction to superviseurs", async () => {
    const pending: StaffMemberPage = {
      ...UNLOCKED,
      state: "validation_pending",
      pending: { email: "paul@example.fr", since: "2026-03-03T10:00:00Z" },
    };
    const api = fakeApi({
      "GET /api/staff/session": session(SUPERVISEUR),
      "GET /api/staff/members/7": ok(pending),
      "POST /api/staff/members/7/contact-email": ok({ status: "ok" }),
    });
    const { user } = renderConsole("/console/adherents/7");
    await screen.findByRole("heading", { level: 1, name: "Paul Petit" });

    expect(screen.getByRole("button", { name: "Renvoyer le lien de validation" })).toBeVisible();
    expect(screen.getByRole("button", { name: "Annuler la migration en attente" })).toBeVisible();
    expect(screen.queryByRole("button", { name: "Débloquer" })).not.toBeInTheDocument();

    const form = actionForm("Adresse de contact");
    await user.type(
      within(form).getByLabelText("Nouvelle adresse de contact"),
      "Paul.P@Example.fr",
    );
    await user.type(within(form).getByLabelText("Motif"), REASON);
    await user.click(within(form).getByRole("button", { name: "Corriger l'adresse de contact" }));

    expect(await screen.findByText(/Adresse de contact corrigée/)).toBeVisible();
    expect(api.to("POST /api/staff/members/7/contact-email")[0]?.body).toEqual({
      email: "paul.p@example.fr",
      reason: REASON.trim(),
    });
  });

  it("does not offer the contact correction to a conseiller", async () => {
    fakeApi({
      "GET /api/staff/session": session(CONSEILLER),
      "GET /api/staff/members/7": ok(LOCKED),
    });
    renderConsole("/console/adherents/7");
    await screen.findByRole("heading", { level: 1, name: "Paul Petit" });
    expect(screen.getByRole("button", { name: "Fermer toutes les sessions" })).toBeVisible();
    expect(
      screen.queryByRole("button", { name: "Corriger l'adresse de contact" }),
    ).not.toBeInTheDocument();
  });
});
