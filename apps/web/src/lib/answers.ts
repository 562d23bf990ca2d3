// What reading the BFF's answers takes on the first screen: the contracts' response
// schemas and default messages. Imported by api.ts only, dynamically, so that zod is not
// part of the first download (ADR 012).
export {
  ERROR_MESSAGES,
  errorBodySchema,
  memberStateSchema,
  migrationStateSchema,
  sessionStateSchema,
} from "@mgen/contracts";
