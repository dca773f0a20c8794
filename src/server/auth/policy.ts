// The numbers of the account rules, in one place (the pages and the CLI show the same ones).
export const MIN_PASSWORD_LENGTH = 10;
/** Sessions last this long after the last use (refreshed at most once a day). */
export const SESSION_DAYS = 7;
export const INVITE_DAYS = 7;
export const AUTH_BASE_PATH = "/api/auth";
export const API_KEY_PREFIX = "cf_";
/** better-auth's session cookie (cookiePrefix "comfyfixer"); over https it carries the __Secure- prefix too. */
export const SESSION_COOKIE = "comfyfixer.session_token";
