// The password policy (zxcvbn-ts and its dictionaries) is a separate entry point,
// `@mgen/contracts/password`, so that the SPA can load it lazily.
export * from "./api";
export * from "./birth-date";
export * from "./email";
export * from "./errors";
export * from "./nir";
export * from "./password-rules";
export * from "./secret-questions";
