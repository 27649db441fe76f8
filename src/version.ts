// The running version, from package.json, for /healthz and logs.
import { readFileSync } from 'node:fs';

export const VERSION: string = (() => {
  const parsed: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  return typeof parsed === 'object' && parsed !== null && 'version' in parsed && typeof parsed.version === 'string'
    ? parsed.version
    : 'unknown';
})();
