// The Teams app package, offline: the filled-in manifest against the official schema of its
// manifestVersion (shipped in @microsoft/app-manifest), the icon sizes, and the zip's contents.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import AjvDraft04Module from 'ajv-draft-04';
import ajvFormatsModule from 'ajv-formats';
import { expect } from 'chai';
import { unzipSync, strFromU8 } from 'fflate';
import { z } from 'zod';
import { decodePng, readPngHeader } from '../../scripts/teams/png.js';
import {
  APP_PACKAGE_DIR,
  checkAppId,
  fillManifest,
  MANIFEST_TEMPLATE,
  TeamsPackageError,
  teamsManifest,
  teamsPackage,
} from '../../scripts/teams/app-package.js';
import { VERSION } from '../../src/version.js';

// CommonJS modules: under NodeNext their default export is the `default` property.
const AjvDraft04 = AjvDraft04Module.default;
const addFormats = ajvFormatsModule.default;

const APP_ID = '5e7f2d0a-1b3c-4d5e-8f90-a1b2c3d4e5f6';
const Manifest = z.looseObject({
  $schema: z.string(),
  manifestVersion: z.string(),
  id: z.string(),
  version: z.string(),
  bots: z.array(z.looseObject({ botId: z.string(), scopes: z.array(z.string()) })),
  icons: z.object({ color: z.string(), outline: z.string() }),
});

/** The official schema files, from the installed package: never fetched at test time. */
function schemaFile(manifestVersion: string): string {
  const entry = createRequire(import.meta.url).resolve('@microsoft/app-manifest');
  return join(dirname(entry), 'json-schemas', 'teams', `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
}

function parseJson(text: string): unknown {
  return JSON.parse(text);
}

describe('Teams app package', () => {
  const manifestText = teamsManifest(APP_ID, VERSION);
  const manifest = Manifest.parse(parseJson(manifestText));

  it('fills in the bot id from configuration as the app id and the bot id, and the version', () => {
    expect(manifest.id).to.equal(APP_ID);
    expect(manifest.bots.map((b) => b.botId)).to.deep.equal([APP_ID]);
    expect(manifest.version).to.equal(VERSION);
    expect(manifestText).to.not.match(/\$\{\{/);
  });

  /** The schema errors of a manifest, as lines naming the place and the problem. */
  function schemaErrors(candidate: z.infer<typeof Manifest>): string[] {
    const file = schemaFile(candidate.manifestVersion);
    expect(existsSync(file), `@microsoft/app-manifest ships no schema for manifestVersion ${candidate.manifestVersion}`).to.equal(true);
    const schema: unknown = parseJson(readFileSync(file, 'utf8'));
    if (typeof schema !== 'object' || schema === null) throw new Error(`${file} is not a JSON schema`);
    // Teams' schemas are draft-04, compiled as Microsoft's own validator compiles them.
    const ajv = new AjvDraft04({ allErrors: true, strict: false });
    addFormats(ajv, ['uri', 'email', 'regex']);
    const validate = ajv.compile(schema);
    if (validate(candidate)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  }

  it('is valid against the official schema of its manifestVersion, offline', () => {
    expect(schemaErrors(manifest), 'schema errors').to.deep.equal([]);
    expect(manifest.$schema).to.include(`/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
  });

  it('would catch a manifest Teams refuses (the check is not a formality)', () => {
    const broken = Manifest.parse({ ...manifest, bots: [{ botId: 'not-a-guid', scopes: ['personal'] }], accentColor: 'blue' });
    const errors = schemaErrors(broken);
    expect(errors.join('\n')).to.include('/bots/0/botId').and.to.include('/accentColor');
  });

  it('offers the bot in personal chats, group chats and teams', () => {
    expect(manifest.bots[0]?.scopes).to.have.members(['personal', 'groupChat', 'team']);
  });

  it('has a 192×192 colour icon and a 32×32 outline icon, both PNG', () => {
    const color = readPngHeader(readFileSync(join(APP_PACKAGE_DIR, manifest.icons.color)));
    const outline = readPngHeader(readFileSync(join(APP_PACKAGE_DIR, manifest.icons.outline)));
    expect([color.width, color.height]).to.deep.equal([192, 192]);
    expect([outline.width, outline.height]).to.deep.equal([32, 32]);
  });

  it('draws the outline icon in white on a transparent background only', () => {
    const { rgba } = decodePng(readFileSync(join(APP_PACKAGE_DIR, manifest.icons.outline)));
    let transparent = 0;
    for (let i = 0; i < rgba.length; i += 4) {
      const [r, g, b, a] = [rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]];
      if (a === 0) transparent += 1;
      else expect([r, g, b], `pixel ${i / 4} is not white`).to.deep.equal([255, 255, 255]);
    }
    expect(transparent, 'a transparent background').to.be.greaterThan((32 * 32) / 2);
  });

  it('zips manifest.json and the two icons at the root, nothing else', () => {
    const files = unzipSync(teamsPackage(APP_ID, VERSION));
    expect(Object.keys(files).sort()).to.deep.equal(['color.png', 'manifest.json', 'outline.png']);
    const zipped = files['manifest.json'];
    if (!zipped) throw new Error('no manifest.json in the zip');
    expect(Manifest.parse(parseJson(strFromU8(zipped))).bots[0]?.botId).to.equal(APP_ID);
    const color = files['color.png'];
    if (!color) throw new Error('no color.png in the zip');
    expect(Buffer.from(color).equals(readFileSync(join(APP_PACKAGE_DIR, 'color.png')))).to.equal(true);
  });

  const badIds: { name: string; id: string | undefined; says: RegExp }[] = [
    { name: 'no app id', id: undefined, says: /MicrosoftAppId is empty.*\.env/ },
    { name: 'a blank app id', id: '  ', says: /MicrosoftAppId is empty/ },
    { name: 'an app id that is not a GUID', id: 'my-bot', says: /GUID.*"my-bot"/ },
  ];
  for (const { name, id, says } of badIds) {
    it(`refuses to package with ${name}, saying what to do`, () => {
      expect(() => checkAppId(id)).to.throw(TeamsPackageError, says);
    });
  }

  it('refuses a template placeholder it has no value for', () => {
    expect(() => fillManifest('{"id": "${{Unknown}}"}', {})).to.throw(TeamsPackageError, /Unknown/);
  });

  it('keeps the placeholders in the committed template, not a real app id', () => {
    const template = readFileSync(MANIFEST_TEMPLATE, 'utf8');
    expect(template).to.include('${{MicrosoftAppId}}');
    expect(template).to.not.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
  });
});
