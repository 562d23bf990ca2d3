// The rules and words of the contracts without their zod schemas: what the SPA's first
// screen may import without putting zod in its first download (ADR 012).
export * from "./birth-date";
export * from "./email";
export * from "./errors";
export * from "./limits";
export * from "./names";
export * from "./nir";
export * from "./password-rules";
export * from "./paths";
export * from "./secret-questions";
