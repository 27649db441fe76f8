// Who may use the back office (orders, unanswered questions): only a caller with OPERATOR_TOKEN.
// Unlike the query endpoints (/api/ask, /api/recognize), these routes show customers' orders, so
// they are never open: without OPERATOR_TOKEN every request gets 401 and a hint to set it.
import type { Next, Request, Response } from 'restify';
import type { Config } from '../config.js';
import { hasOperatorToken } from './operator-token.js';
import { refuse } from './refuse.js';

/** Names the operator in an order's history when no identity-aware proxy names them. */
export const DEFAULT_OPERATOR_NAME = 'operator';

const MAX_OPERATOR_NAME_CHARS = 100;
const RESERVED_NAMES: readonly string[] = ['user', 'system'];

export type OperatorGuard = (req: Request, res: Response, next: Next) => void;

/** A restify handler that lets a request through only with the operator token. */
export function requireOperator(config: Pick<Config, 'OPERATOR_TOKEN'>): OperatorGuard {
  const token = config.OPERATOR_TOKEN;
  return (req, res, next) => {
    if (token !== undefined && hasOperatorToken(req.header('authorization'), token)) return next();
    const hint = token === undefined ? 'the back office is off until OPERATOR_TOKEN is set' : 'send the operator token as "Authorization: Bearer <token>"';
    refuse(res, 401, 'Unauthorized', hint, { 'www-authenticate': 'Bearer' });
    return next(false);
  };
}

/**
 * Who the operator is, for an order's history: the header an identity-aware proxy sets
 * (OPERATOR_IDENTITY_HEADER, e.g. X-Forwarded-Email), else "operator". Call it only after
 * requireOperator let the request through, so the header is believed only from the proxy that holds the token.
 */
export function operatorName(req: Request, config: Pick<Config, 'OPERATOR_IDENTITY_HEADER'>): string {
  const header = config.OPERATOR_IDENTITY_HEADER;
  const raw = header === undefined ? undefined : req.header(header);
  // eslint-disable-next-line no-control-regex -- control characters never belong in a name kept in history
  const name = typeof raw === 'string' ? raw.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, MAX_OPERATOR_NAME_CHARS) : '';
  if (name === '') return DEFAULT_OPERATOR_NAME;
  // "user" and "system" name the customer and the bot's clock in an order's history; an operator
  // so named must not be taken for either (their moves would not be announced).
  return RESERVED_NAMES.includes(name.toLowerCase()) ? `${DEFAULT_OPERATOR_NAME} ${name}` : name;
}
