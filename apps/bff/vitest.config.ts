import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // A stray .only fails the run everywhere, not only in CI (issue 16).
    allowOnly: false,
    include: ["src/**/*.test.ts"],
    // Test files share a worker's module graph: each file no longer imports the app again
    // (tests hold no module-level state; each builds its own app, database and config).
    isolate: false,
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // One throwaway PostgreSQL for the run (or TEST_DATABASE_URL): the contract suite and
    // the system tests on PostgreSQL use it. The system tests' server is bundled once.
    globalSetup: ["src/test/postgres-setup.ts", "src/test/bundle-setup.ts"],
  },
});
