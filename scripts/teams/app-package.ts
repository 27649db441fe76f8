// The Teams app package: the manifest template filled in with the bot's app id and the version,
// zipped at the root with the two icons and the Chinese localization, as Teams' "Upload a custom app" expects.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';

export const APP_PACKAGE_DIR = fileURLToPath(new URL('../../appPackage/', import.meta.url));
export const MANIFEST_TEMPLATE = `${APP_PACKAGE_DIR}manifest.template.json`;
export const ICON_FILES = ['color.png', 'outline.png'] as const;
/** The manifest's translations (localizationInfo.additionalLanguages), zipped beside it. */
export const LOCALIZATION_FILES = ['zh-cn.json'] as const;
/** Where `npm run package:teams` writes the zip (git-ignored). */
export const PACKAGE_FILE = `${APP_PACKAGE_DIR}build/filing-assistant-teams.zip`;

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const PLACEHOLDER = /\$\{\{(\w+)\}\}/g;
/** Zip entries get this date, so the same inputs make the same bytes. */
const FIXED_DATE = new Date('2026-01-01T00:00:00Z');

export class TeamsPackageError extends Error {
  override name = 'TeamsPackageError';
}

/** Refuses an app id Teams would refuse, saying where it comes from. */
export function checkAppId(appId: string | undefined): string {
  if (appId === undefined || appId.trim() === '') {
    throw new TeamsPackageError(
      'MicrosoftAppId is empty: register an Azure Bot (see the README, "Web Chat, Teams and the Emulator"), ' +
        'put its Microsoft App ID into .env as MicrosoftAppId=..., and run npm run package:teams again.',
    );
  }
  if (!GUID.test(appId.trim())) {
    throw new TeamsPackageError(`MicrosoftAppId must be the Azure Bot's app id, a GUID like 00000000-0000-0000-0000-000000000000 (got "${appId}")`);
  }
  return appId.trim();
}

/** The manifest template as text with every ${{NAME}} replaced; throws on a name it has no value for. */
export function fillManifest(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new TeamsPackageError(`the manifest template uses \${{${name}}}, which has no value`);
    // Values go inside JSON strings.
    return JSON.stringify(value).slice(1, -1);
  });
}

export function teamsManifest(appId: string, version: string): string {
  return fillManifest(readFileSync(MANIFEST_TEMPLATE, 'utf8'), { MicrosoftAppId: checkAppId(appId), APP_VERSION: version });
}

/** The zip Teams uploads: manifest.json and the icons at its root. */
export function teamsPackage(appId: string, version: string): Uint8Array {
  const files: Record<string, Uint8Array> = { 'manifest.json': strToU8(teamsManifest(appId, version)) };
  for (const file of [...ICON_FILES, ...LOCALIZATION_FILES]) files[file] = readFileSync(`${APP_PACKAGE_DIR}${file}`);
  return zipSync(files, { level: 9, mtime: FIXED_DATE });
}
