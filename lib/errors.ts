// Expected failures carry a message that is safe to show to a person as is.
// Anything else is a bug: log it and show a generic failure.
export type ErrorCode =
  | "bad_request"
  | "not_found"
  | "not_in_namespace"
  | "conflict"
  | "unprocessable"
  | "unauthorized"
  | "forbidden"
  | "too_many_requests"
  | "unavailable"
  | "config";

const statusByCode: Record<ErrorCode, number> = {
  bad_request: 400,
  not_found: 404,
  not_in_namespace: 404,
  conflict: 409,
  unprocessable: 422,
  unauthorized: 401,
  forbidden: 403,
  too_many_requests: 429,
  unavailable: 503,
  config: 500,
};

export class UserError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "UserError";
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return statusByCode[this.code];
  }
}

export const badRequest = (message: string, details?: Record<string, unknown>) => new UserError("bad_request", message, details);
export const notFound = (message: string, details?: Record<string, unknown>) => new UserError("not_found", message, details);

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}

/**
 * The database is down, overloaded or too slow (not the request's fault): the
 * answer is 503, try again later. PostgreSQL codes: 57014 statement timeout
 * (or cancel), 57P01–57P03 shutting down, 53300 too many connections, 08xxx
 * connection failures; Prisma's P1001/P1017 and pg's pool timeout likewise.
 */
export function isDatabaseUnavailable(e: unknown): boolean {
  const err = e as { code?: string; message?: string; cause?: { code?: string; originalCode?: string } };
  const code = err?.cause?.originalCode ?? err?.cause?.code ?? err?.code ?? "";
  return (
    /^(57014|57P0[123]|53300|08\d{3}|P1001|P1017|ECONNREFUSED|ECONNRESET)$/.test(code) ||
    /timeout exceeded when trying to connect|Connection terminated|database is locked|canceling statement due to statement timeout/i.test(err?.message ?? "")
  );
}
