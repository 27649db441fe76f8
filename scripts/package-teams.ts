// `npm run package:teams`: writes the Teams app package with the bot id from configuration (.env).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { ConfigError, loadConfig } from '../src/config.js';
import { VERSION } from '../src/version.js';
import { PACKAGE_FILE, TeamsPackageError, teamsPackage } from './teams/app-package.js';

try {
  const config = loadConfig();
  const zip = teamsPackage(config.MicrosoftAppId ?? '', VERSION);
  mkdirSync(dirname(PACKAGE_FILE), { recursive: true });
  writeFileSync(PACKAGE_FILE, zip);
  process.stdout.write(
    `Wrote ${relative(process.cwd(), PACKAGE_FILE)} (bot ${config.MicrosoftAppId}, version ${VERSION}).\n` +
      'Upload it in Teams: Apps > Manage your apps > Upload an app > Upload a custom app.\n',
  );
} catch (error) {
  if (error instanceof TeamsPackageError || error instanceof ConfigError) {
    process.stderr.write(`Cannot package the Teams app: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
