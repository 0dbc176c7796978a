/**
 * The one error registry. Each coded error maps to a gRPC status code and a message that tells the
 * caller what to do. RPC boundaries throw `{message, code}` objects, which Nakama turns into that
 * status (HTTP 400/403/404/...); match boundaries answer with a rejection message instead.
 */

/** gRPC status codes Nakama understands (our own constants: the runtime has no Codes enum). */
export const GRPC = {
  INVALID_ARGUMENT: 3,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

export type ErrorCode = keyof typeof ERRORS;

/** Every error the module reports, with its status and a default message. */
export const ERRORS = {
  INVALID_PAYLOAD: { grpc: GRPC.INVALID_ARGUMENT, message: 'payload must be a JSON object' },
  INVALID_FIELD: { grpc: GRPC.INVALID_ARGUMENT, message: 'a field is invalid' },
  UNKNOWN_GAME: { grpc: GRPC.INVALID_ARGUMENT, message: 'unknown game_id' },
  UNKNOWN_MODE: { grpc: GRPC.INVALID_ARGUMENT, message: 'unknown mode for this game' },
  UNAUTHENTICATED: { grpc: GRPC.UNAUTHENTICATED, message: 'this call needs a user session' },
  PERMISSION_DENIED: { grpc: GRPC.PERMISSION_DENIED, message: 'this call is for admins' },
  NOT_FOUND: { grpc: GRPC.NOT_FOUND, message: 'not found' },
  ALREADY_EXISTS: { grpc: GRPC.ALREADY_EXISTS, message: 'it exists already' },
  FAILED_PRECONDITION: { grpc: GRPC.FAILED_PRECONDITION, message: 'the call does not fit the current state' },
  RESOURCE_EXHAUSTED: { grpc: GRPC.RESOURCE_EXHAUSTED, message: 'too many calls; retry later' },
  INTERNAL: { grpc: GRPC.INTERNAL, message: 'internal error' },
  UNAVAILABLE: { grpc: GRPC.UNAVAILABLE, message: 'the database is unreachable for a moment; retry shortly' },
} as const;

/** The thrown shape Nakama maps to a client-visible status. */
export interface RuntimeError { message: string; code: number; errorCode: ErrorCode }

/** Build the error to throw at an RPC or hook boundary. */
export function runtimeError(errorCode: ErrorCode, detail?: string): RuntimeError {
  const entry = ERRORS[errorCode];
  return { message: detail ? `${errorCode}: ${detail}` : `${errorCode}: ${entry.message}`, code: entry.grpc, errorCode };
}

/** True for errors built by runtimeError (as opposed to bugs or nk failures). */
export function isRuntimeError(value: unknown): value is RuntimeError {
  return typeof value === 'object' && value !== null && typeof (value as RuntimeError).errorCode === 'string';
}

/**
 * How Nakama's calls fail while its database refuses or drops connections (measured on Nakama 3.40
 * with PostgreSQL cut off: "failed to connect to ... dial error ... connection refused" for new
 * connections, "unexpected EOF" for ones cut in flight; a PostgreSQL shutting down says so).
 */
const DATABASE_UNREACHABLE = /failed to connect to|dial error|connection refused|unexpected EOF|conn closed|broken pipe|connection reset|bad connection|the database system is|terminating connection|server closed the connection/i;

/** True when a failure is the database being unreachable: the same call may succeed once it is back. */
export function isUnavailable(error: unknown): boolean {
  if (isRuntimeError(error)) return error.errorCode === 'UNAVAILABLE';
  return DATABASE_UNREACHABLE.test(String((error as { message?: string } | null)?.message || error));
}
