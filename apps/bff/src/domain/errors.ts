import { ERROR_MESSAGES, ERROR_STATUS, type ErrorCode } from "@mgen/contracts";

/**
 * The one error type of the BFF. Domain functions throw it with a code of API.md; the
 * error handler maps it to its status and envelope. Messages are French, for the member,
 * and never carry a NIR, password, token or stack.
 */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    options: {
      message?: string;
      fields?: Record<string, string>;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(options.message ?? ERROR_MESSAGES[code]);
    this.name = "AppError";
    this.status = ERROR_STATUS[code];
    this.fields = options.fields;
    this.headers = options.headers;
  }

  readonly fields: Record<string, string> | undefined;
  readonly headers: Record<string, string> | undefined;

  toBody() {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.fields ? { fields: this.fields } : {}),
      },
    };
  }
}
