import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

/** Where `pnpm dev` finds the BFF; the browser only ever talks to this dev server. */
const bffUrl = process.env.BFF_URL ?? "http://localhost:3001";

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    strictPort: false,
    proxy: { "/api": { target: bffUrl, changeOrigin: false } },
  },
  build: {
    outDir: fileURLToPath(new URL("./dist", import.meta.url)),
    emptyOutDir: true,
    // The BFF's CSP allows files of this origin only: no asset is inlined as a data: URL.
    assetsInlineLimit: 0,
    // The password policy's dictionaries (~1.1 MB) are one lazy chunk, on purpose.
    chunkSizeWarningLimit: 1200,
  },
  test: {
    // A stray .only fails the run everywhere, not only in CI (issue 16).
    allowOnly: false,
    projects: [
      {
        // Pure functions: no DOM to build for them.
        extends: true,
        test: { name: "helpers", environment: "node", include: ["src/**/*.test.ts"] },
      },
      {
        // The screens, rendered in a DOM with a fake BFF behind `fetch` (src/test/web.tsx).
        extends: true,
        test: {
          name: "components",
          environment: "jsdom",
          include: ["src/**/*.test.tsx"],
          setupFiles: ["src/test/setup.ts"],
          // One DOM and one module graph for all these files (about half the time on two
          // cores): each test renders with its own query client, router and fake BFF, and
          // src/test/setup.ts empties the page and restores `fetch` after it.
          isolate: false,
          // A screen that asks a new password loads the policy's dictionaries (~1 MB) first.
          testTimeout: 15_000,
        },
      },
    ],
  },
});
