// One shape for every refusal at the HTTP edge, the one restify gives its own errors: { code, message }.
import type { Response } from 'restify';

export function refuse(res: Response, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  res.send(status, { code, message }, headers);
}
