import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** Builds the React-only page of figure 4 into bench/floor/dist, served under /floor/. */
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/floor/",
  plugins: [react()],
  logLevel: "warn",
  build: {
    outDir: fileURLToPath(new URL("./dist", import.meta.url)),
    emptyOutDir: true,
    assetsInlineLimit: 0,
  },
});
