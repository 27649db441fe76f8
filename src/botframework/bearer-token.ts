// The one reader of "Authorization: Bearer <token>" headers: Bot Framework tokens, the operator
// token and the local Direct Line's conversation tokens all arrive this way. It lives in the edge's
// lowest layer so that src/http, src/channels and src/botframework can all use it.
const BEARER = /^Bearer\s+(\S+)$/i;

/** The token of a bearer Authorization header, or undefined when the header is not one. */
export function bearerToken(header: string | undefined): string | undefined {
  return BEARER.exec(header?.trim() ?? '')?.[1];
}
