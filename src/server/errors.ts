// AppError: what services throw; the one place that maps it to tRPC and HTTP.
import { TRPCError } from "@trpc/server";

export type AppErrorCode = "NOT_FOUND" | "BAD_REQUEST" | "CONFLICT" | "FORBIDDEN" | "UNAVAILABLE" | "INTERNAL";

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "AppError";
  }
}

const TRPC_CODES: Record<AppErrorCode, TRPCError["code"]> = {
  NOT_FOUND: "NOT_FOUND",
  BAD_REQUEST: "BAD_REQUEST",
  CONFLICT: "CONFLICT",
  FORBIDDEN: "FORBIDDEN",
  UNAVAILABLE: "SERVICE_UNAVAILABLE",
  INTERNAL: "INTERNAL_SERVER_ERROR",
};

const HTTP_STATUS: Record<AppErrorCode, number> = {
  NOT_FOUND: 404,
  BAD_REQUEST: 400,
  CONFLICT: 409,
  FORBIDDEN: 403,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

export function toTRPCError(error: AppError): TRPCError {
  return new TRPCError({ code: TRPC_CODES[error.code], message: error.message, cause: error });
}

export function httpStatusOf(error: unknown): number {
  return error instanceof AppError ? HTTP_STATUS[error.code] : 500;
}
