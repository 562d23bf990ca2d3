import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, fakeApi, renderApp } from "../test/web";

// The group as members meet it: the NIR + date of birth form of /mot-de-passe-oublie.

type User = ReturnType<typeof renderApp>["user"];

async function openForm() {
  const api = fakeApi({
    "POST /api/legacy/forgot-password": {
      status: 202,
      body: {
        message:
          "Si ces informations correspondent à un Espace personnel, un email vous a été envoyé à votre adresse de contact.",
      },
    },
  });
  const view = renderApp("/mot-de-passe-oublie");
  await screen.findByRole("heading", { level: 1, name: "Mot de passe oublié" });
  return { api, ...view };
}

function group() {
  return screen.getByRole("group", { name: "Date de naissance" });
}

function part(name: "Jour" | "Mois" | "Année") {
  return within(group()).getByRole("textbox", { name });
}

async function submit(user: User, date: { day: string; month: string; year: string }) {
  await user.type(
    screen.getByRole("textbox", { name: "Numéro de sécurité sociale" }),
    "2 90 08 69 123 045 11",
  );
  if (date.day) await user.type(part("Jour"), date.day);
  if (date.month) await user.type(part("Mois"), date.month);
  if (date.year) await user.type(part("Année"), date.year);
  await user.click(screen.getByRole("button", { name: "Recevoir un lien" }));
}

describe("date of birth group", () => {
  it("is one group, « Date de naissance », of three short numeric fields with an example", async () => {
    await openForm();

    expect(group()).toBeVisible();
    for (const [name, autocomplete, length] of [
      ["Jour", "bday-day", "2"],
      ["Mois", "bday-month", "2"],
      ["Année", "bday-year", "4"],
    ] as const) {
      const input = part(name);
      expect(input).toHaveAttribute("inputmode", "numeric");
      expect(input).toHaveAttribute("autocomplete", autocomplete);
      expect(input).toHaveAttribute("maxlength", length);
      expect(input).toHaveAccessibleDescription("Par exemple : 15 08 1990");
      expect(input).not.toHaveAttribute("aria-invalid");
    }
  });

  it("shows one message on the group and marks only the wrong part invalid", async () => {
    const { api, user } = await openForm();
    await submit(user, { day: "15", month: "13", year: "1990" });

    const message = "Le mois est entre 01 et 12.";
    expect(await within(group()).findByText(message)).toBeVisible();
    expect(part("Mois")).toHaveAttribute("aria-invalid", "true");
    expect(part("Jour")).not.toHaveAttribute("aria-invalid");
    expect(part("Année")).not.toHaveAttribute("aria-invalid");
    // Each part reads the group's message after the example ("Erreur :" is a hidden
    // prefix, whose trailing space jsdom's description drops).
    expect(part("Jour")).toHaveAccessibleDescription(
      expect.stringMatching(/^Par exemple : 15 08 1990 Erreur :\s?Le mois est entre 01 et 12\.$/),
    );
    // The focus and the summary lead to the wrong part.
    await waitFor(() => expect(part("Mois")).toHaveFocus());
    expect(screen.getByRole("link", { name: message })).toHaveAttribute(
      "href",
      "#birth-date-month",
    );
    expect(api.to("POST /api/legacy/forgot-password")).toHaveLength(0);
  });

  it("says a date that does not exist is wrong, marking the day and month but not the year", async () => {
    const { user } = await openForm();
    await submit(user, { day: "31", month: "02", year: "1990" });

    expect(
      await within(group()).findByText("Cette date n'existe pas : vérifiez le jour et le mois."),
    ).toBeVisible();
    expect(part("Jour")).toHaveAttribute("aria-invalid", "true");
    expect(part("Mois")).toHaveAttribute("aria-invalid", "true");
    expect(part("Année")).not.toHaveAttribute("aria-invalid");
  });

  it("names every missing part at once", async () => {
    const { user } = await openForm();
    await submit(user, { day: "15", month: "", year: "" });

    expect(
      await within(group()).findByText("Saisissez votre mois et votre année de naissance."),
    ).toBeVisible();
    expect(part("Jour")).not.toHaveAttribute("aria-invalid");
    expect(part("Mois")).toHaveAttribute("aria-invalid", "true");
    expect(part("Année")).toHaveAttribute("aria-invalid", "true");
  });

  it("checks the group again as it is corrected after a submission", async () => {
    const { user } = await openForm();
    await submit(user, { day: "15", month: "13", year: "1990" });
    await within(group()).findByText("Le mois est entre 01 et 12.");

    await user.clear(part("Mois"));
    await user.type(part("Mois"), "08");
    await waitFor(() =>
      expect(within(group()).queryByText("Le mois est entre 01 et 12.")).not.toBeInTheDocument(),
    );
    expect(part("Mois")).not.toHaveAttribute("aria-invalid");
  });

  it("fills the three parts when a whole date is pasted into one", async () => {
    const { api, user } = await openForm();
    await user.click(part("Jour"));
    await user.paste("15/08/1990");

    expect(part("Jour")).toHaveValue("15");
    expect(part("Mois")).toHaveValue("08");
    expect(part("Année")).toHaveValue("1990");

    await user.type(
      screen.getByRole("textbox", { name: "Numéro de sécurité sociale" }),
      "2 90 08 69 123 045 11",
    );
    await user.click(screen.getByRole("button", { name: "Recevoir un lien" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Demande envoyée" })).toBeVisible();
    expect(api.to("POST /api/legacy/forgot-password")[0]?.body).toEqual({
      nir: "290086912304511",
      birthDate: "1990-08-15",
    });
  });

  it("puts the server's refusal of the date on the group, all parts marked", async () => {
    fakeApi({
      "POST /api/legacy/forgot-password": apiError("VALIDATION_ERROR", undefined, {
        birthDate: "Saisissez une date de naissance réelle, par exemple 15/08/1990.",
      }),
    });
    const { user } = renderApp("/mot-de-passe-oublie");
    await screen.findByRole("heading", { level: 1, name: "Mot de passe oublié" });
    await submit(user, { day: "15", month: "08", year: "1990" });

    expect(
      await within(group()).findByText(
        "Saisissez une date de naissance réelle, par exemple 15/08/1990.",
      ),
    ).toBeVisible();
    for (const name of ["Jour", "Mois", "Année"] as const) {
      expect(part(name)).toHaveAttribute("aria-invalid", "true");
    }
  });
});
