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
    environment: "node",
    include: ["src/**/*.test.{ts,tsx}"],
  },
});
