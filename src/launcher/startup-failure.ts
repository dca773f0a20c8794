// Turns what goes wrong while `npm start` starts up into one line that says what happened and what to do.
import { errorMessage } from "../core/error-message";

type Context = {
  /** What the launcher was doing, e.g. "initialising the database cluster in …". */
  doing: string;
  /** The folder it writes to, named in the advice for a full disk or a missing permission. */
  folder?: string;
  /** The way around it besides freeing space or fixing permissions, e.g. "set COMFYFIXER_STATE_DIR to another folder". */
  remedy?: string;
};

type Cause = "disk full" | "no permission" | "read-only" | "port taken" | "refused" | "other";

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string") return code;
  const cause = (error as { cause?: unknown } | null)?.cause;
  return cause && cause !== error ? codeOf(cause) : undefined;
}

/** What kind of failure this is, from the error's code or, for PostgreSQL's programs, from what they printed. */
export function causeOf(error: unknown): Cause {
  const code = codeOf(error);
  const text = errorMessage(error);
  if (code === "ENOSPC" || code === "EDQUOT" || /No space left on device|disk quota exceeded/i.test(text)) return "disk full";
  if (code === "EROFS" || /Read-only file system/i.test(text)) return "read-only";
  if (code === "EACCES" || code === "EPERM" || /Permission denied|Operation not permitted/i.test(text)) return "no permission";
  if (code === "EADDRINUSE" || /Address already in use/i.test(text)) return "port taken";
  if (code === "ECONNREFUSED" || /ECONNREFUSED|connection refused/i.test(text)) return "refused";
  return "other";
}

/** A failure whose message already says what to do: passed on as it is. */
export class StartupError extends Error {}

export function startupFailure(error: unknown, context: Context): Error {
  if (error instanceof StartupError) return error;
  const what = errorMessage(error).replace(/\s+/g, " ").trim().replace(/\.$/, "");
  const folder = context.folder ? ` ${context.folder}` : "";
  const orRemedy = context.remedy ? `, or ${context.remedy}` : "";
  const advice: Record<Cause, string> = {
    "disk full": `The disk is full (while ${context.doing}: ${what}). Free some space on the disk holding${folder || " it"}${orRemedy}.`,
    "read-only": `The folder${folder} is on a read-only file system (while ${context.doing}: ${what}). Make it writable${orRemedy}.`,
    "no permission": `No permission (while ${context.doing}: ${what}). Start as a user who may write to${folder || " the folder"}${orRemedy}.`,
    "port taken": `A port is already in use (while ${context.doing}: ${what}). Stop what uses it${orRemedy || ", or choose another port"}.`,
    refused: `The connection was refused (while ${context.doing}: ${what}). Check that the server is running and the address is right${orRemedy}.`,
    other: `Failed while ${context.doing}: ${what}.`,
  };
  return new Error(advice[causeOf(error)]);
}
