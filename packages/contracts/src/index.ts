// The password policy (zxcvbn-ts and its dictionaries) is a separate entry point,
// `@mgen/contracts/password`, so that the SPA can load it lazily; the rules without zod
// are another, `@mgen/contracts/rules`, for the SPA's first screen.
export * from "./api";
export * from "./rules";
