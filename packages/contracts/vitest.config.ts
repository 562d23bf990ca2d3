import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // A stray .only fails the run everywhere, not only in CI (issue 16).
    allowOnly: false,
  },
});
