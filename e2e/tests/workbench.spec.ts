import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "../support/fixtures";

const dist = resolve(dirname(fileURLToPath(import.meta.url)), "../../apps/web/dist");

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

test("the designers' workbench is not in the production build", async ({ page }) => {
  const leaking = files(dist).filter((file) => {
    const text = readFileSync(file, "latin1");
    return text.includes("dev/screens") || text.includes("Atelier des écrans");
  });
  expect(leaking).toEqual([]);

  await page.goto("/dev/screens");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page introuvable");
});
