import { QueryClientProvider } from "@tanstack/react-query";
import { screen, waitFor } from "@testing-library/react";
import { act } from "react";
import { hydrateRoot, type Root } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it } from "vitest";
import { AppRoutes } from "../../app/router";
import { createQueryClient } from "../../lib/query-client";
import { apiError, fakeApi, migrationState, ok } from "../../test/web";

/**
 * ADR 026: /connexion comes with the sign-in page's HTML, made by rendering the app's own
 * routes (prerender.tsx); React then takes that HTML over (main.tsx). A member may have
 * typed, and pressed « Se connecter », before: sign-in-boot.js held that submission and
 * marked the form. Here the same HTML is rendered and taken over in the DOM of the test.
 */

const MARIE_NIR = "2 90 08 69 123 045 11";

function signInPage() {
  return (
    <QueryClientProvider client={createQueryClient()}>
      <MemoryRouter initialEntries={["/connexion"]}>
        <AppRoutes />
      </MemoryRouter>
    </QueryClientProvider>
  );
}

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  document.body.replaceChildren();
});

/** The prerendered page in the document, as the browser has it before the app runs. */
function prerendered(): { form: HTMLFormElement; container: HTMLElement } {
  const container = document.createElement("div");
  container.innerHTML = renderToString(signInPage());
  document.body.append(container);
  return { form: container.querySelector("form") as HTMLFormElement, container };
}

function typeBeforeTheApp(form: HTMLFormElement, name: string, value: string) {
  (form.elements.namedItem(name) as HTMLInputElement).value = value;
}

async function takeOver(container: HTMLElement) {
  await act(async () => {
    root = hydrateRoot(container, signInPage());
  });
}

describe("sign-in page: taking over the prerendered form", () => {
  it("is rendered with its button disabled: nothing can send it before a submission can be held", () => {
    const { form } = prerendered();
    expect(form.querySelector('button[type="submit"]')).toBeDisabled();
  });

  it("sends, once, a submission held before the app ran, with what was typed", async () => {
    const api = fakeApi({ "POST /api/login/nir": ok(migrationState()) });
    const { form, container } = prerendered();
    typeBeforeTheApp(form, "identifier", MARIE_NIR);
    typeBeforeTheApp(form, "password", "Demo-Espace-2026");
    form.setAttribute("data-pending", "");

    await takeOver(container);
    await waitFor(() => expect(api.to("POST /api/login/nir")).toHaveLength(1));
    expect(api.to("POST /api/login/nir")[0]?.body).toEqual({
      nir: "290086912304511",
      password: "Demo-Espace-2026",
    });
    expect(form).not.toHaveAttribute("data-pending");
  });

  it("keeps what was typed without sending it, and the link follows the address typed", async () => {
    const api = fakeApi({ "POST /api/login/email": apiError("INVALID_CREDENTIALS") });
    const { form, container } = prerendered();
    typeBeforeTheApp(form, "identifier", "luc.robert@example.fr");

    await takeOver(container);
    expect(screen.getByRole("textbox", { name: "Identifiant" })).toHaveValue(
      "luc.robert@example.fr",
    );
    expect(
      screen.getAllByRole("link", { name: "Mot de passe oublié ?" })[0]?.getAttribute("href"),
    ).toBe("/connect/mot-de-passe-oublie");
    expect(api.calls).toHaveLength(0);
    expect(screen.getByRole("button", { name: "Se connecter" })).toBeEnabled();
  });
});
