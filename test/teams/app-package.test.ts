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
function schemaFile(manifestVersion: string, name = 'MicrosoftTeams.schema.json'): string {
  const entry = createRequire(import.meta.url).resolve('@microsoft/app-manifest');
  return join(dirname(entry), 'json-schemas', 'teams', `v${manifestVersion}`, name);
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

  /** The schema errors of a manifest (or of one of its localization files), as lines naming the place and the problem. */
  function schemaErrors(candidate: object, file = schemaFile(manifest.manifestVersion)): string[] {
    expect(existsSync(file), `@microsoft/app-manifest ships no schema ${file}`).to.equal(true);
    const schema: unknown = parseJson(readFileSync(file, 'utf8'));
    if (typeof schema !== 'object' || schema === null) throw new Error(`${file} is not a JSON schema`);
    // Teams' schemas are draft-04, compiled as Microsoft's own validator compiles them.
    // Their localization schema has patterns ("\b]") that are valid only without the unicode flag.
    const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
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

  describe('in Chinese', () => {
    const Localization = z.record(z.string(), z.string());
    const localizationInfo = z
      .object({ localizationInfo: z.object({ defaultLanguageTag: z.string(), additionalLanguages: z.array(z.object({ languageTag: z.string(), file: z.string() })) }) })
      .parse(manifest).localizationInfo;
    const zhCn = Localization.parse(parseJson(readFileSync(join(APP_PACKAGE_DIR, 'zh-cn.json'), 'utf8')));

    it('names zh-cn.json as the zh-cn localization, English being the default', () => {
      expect(localizationInfo.defaultLanguageTag).to.equal('en-us');
      expect(localizationInfo.additionalLanguages).to.deep.equal([{ languageTag: 'zh-cn', file: 'zh-cn.json' }]);
    });

    it("is valid against the official localization schema of the manifest's version, offline", () => {
      expect(schemaErrors(zhCn, schemaFile(manifest.manifestVersion, 'MicrosoftTeams.Localization.schema.json'))).to.deep.equal([]);
      expect(zhCn.$schema).to.include(`/v${manifest.manifestVersion}/MicrosoftTeams.Localization.schema.json`);
    });

    it('would catch a localization Teams refuses (the check is not a formality)', () => {
      const broken = { ...zhCn, 'name.short': '一个远远超过三十个字符的名字，一个远远超过三十个字符的名字，还要更长' , 'nonsense.key': 'x' };
      expect(schemaErrors(broken, schemaFile(manifest.manifestVersion, 'MicrosoftTeams.Localization.schema.json'))).to.have.length.above(0);
    });

    it('translates the name, the descriptions and every command, in Chinese', () => {
      const commands = z
        .object({ bots: z.array(z.object({ commandLists: z.array(z.object({ commands: z.array(z.object({ title: z.string() })) })) })) })
        .parse(manifest).bots[0]?.commandLists[0]?.commands ?? [];
      const keys = ['name.short', 'name.full', 'description.short', 'description.full', ...commands.flatMap((_, i) => [
        `bots[0].commandLists[0].commands[${i}].title`,
        `bots[0].commandLists[0].commands[${i}].description`,
      ])];
      for (const key of keys) expect(zhCn[key] ?? '', key).to.match(/[\u4e00-\u9fff]/);
    });
  });

  it('zips manifest.json, the two icons and the Chinese localization at the root, nothing else', () => {
    const files = unzipSync(teamsPackage(APP_ID, VERSION));
    expect(Object.keys(files).sort()).to.deep.equal(['color.png', 'manifest.json', 'outline.png', 'zh-cn.json']);
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
