// /api/auth/*: sign-in, sign-out, sessions, password changes, single sign-on and invite links (better-auth).
import { authForRequest } from "../../../../server/auth/request";
import { isServedAuthEndpoint } from "../../../../server/http/auth-endpoints";

export const dynamic = "force-dynamic";

async function handler(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (!isServedAuthEndpoint(request.method, url.pathname)) return Response.json({ error: "Not found." }, { status: 404 });
  return (await authForRequest(request)).handler(request);
}

export { handler as GET, handler as POST };
