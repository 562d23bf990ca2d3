import { execFile } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, type Page } from "@playwright/test";
import * as OTPAuth from "otpauth";
import type { AppServer } from "./server";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** OPERATIONS.md §2, "Demo staff". */
export const STAFF = {
  password: "Demo-Staff-2026",
  secret: "JBSWY3DPEHPK3PXP",
  conseiller: { email: "conseiller@mgen.example", name: "Camille Conseil" },
  superviseur: { email: "superviseur@mgen.example", name: "Dominique Supervision" },
} as const;

/**
 * The code an authenticator app shows for `secret` at `timestamp` (RFC 6238, SHA-1, 30 s,
 * 6 digits). The server accepts the step before or after the current one, each once.
 */
export function totpCode(secret: string = STAFF.secret, timestamp = Date.now()): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp });
}

/** Signs in to the console as a demo staff account: password, then the code. */
export async function staffSignIn(page: Page, role: "conseiller" | "superviseur"): Promise<void> {
  await page.goto("/console/connexion");
  await page.getByLabel("Adresse email").fill(STAFF[role].email);
  await page.getByLabel("Mot de passe", { exact: true }).fill(STAFF.password);
  await page.getByRole("button", { name: "Continuer" }).click();
  await page.getByLabel("Code de vérification").fill(totpCode());
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByText(STAFF[role].name)).toBeVisible();
}

/** `pnpm staff:create …` run beside the app, as an operator would: the enrolment link it prints. */
export async function createStaffAccount(
  app: AppServer,
  account: { email: string; name: string; role: "conseiller" | "superviseur" },
): Promise<string> {
  const { stdout } = await promisify(execFile)(
    "pnpm",
    [
      "-s",
      "staff:create",
      "--email",
      account.email,
      "--name",
      account.name,
      "--role",
      account.role,
    ],
    { cwd: repoRoot, env: { ...process.env, ...app.env } },
  );
  const link = /(http\S+\/console\/enrolement#token=\S+)/.exec(stdout)?.[1];
  expect(link, stdout).toBeTruthy();
  return link as string;
}
