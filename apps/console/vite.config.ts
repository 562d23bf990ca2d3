import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

/** Where `pnpm dev` finds the BFF; the browser only ever talks to this dev server. */
const bffUrl = process.env.BFF_URL ?? "http://localhost:3001";

export default defineConfig({
  // The BFF serves this build under /console, beside the members' SPA.
  base: "/console/",
  plugins: [react()],
  server: {
    port: 5174,
    strictPort: false,
    proxy: { "/api": { target: bffUrl, changeOrigin: false } },
  },
  build: {
    outDir: fileURLToPath(new URL("./dist", import.meta.url)),
    emptyOutDir: true,
    // The BFF's CSP allows files of this origin only: no asset is inlined as a data: URL.
    assetsInlineLimit: 0,
  },
  test: {
    // A stray .only fails the run everywhere, not only in CI (issue 16).
    allowOnly: false,
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test/setup.ts"],
  },
});
