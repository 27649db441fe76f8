// The botbuilder bypasses in src/botframework/ were checked against one botbuilder version: an
// upgrade fails here until someone has read each bypass again (see src/botframework/bypasses.ts).
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { z } from 'zod';
import { BOTBUILDER_CHECKED_VERSION } from '../../src/botframework/bypasses.js';

const BOTFRAMEWORK_DIR = fileURLToPath(new URL('../../src/botframework/', import.meta.url));
const SRC_DIR = fileURLToPath(new URL('../../src/', import.meta.url));
const PackageVersion = z.looseObject({ version: z.string() });

function installedVersion(name: string): string {
  const file = createRequire(import.meta.url).resolve(`${name}/package.json`);
  return PackageVersion.parse(JSON.parse(readFileSync(file, 'utf8'))).version;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(dir, name));
}

describe('the botbuilder bypasses', () => {
  for (const name of ['botbuilder', 'botbuilder-core', 'botframework-connector']) {
    it(`were checked on the installed ${name} (${BOTBUILDER_CHECKED_VERSION}); after an upgrade, read each bypass again`, () => {
      expect(installedVersion(name)).to.equal(BOTBUILDER_CHECKED_VERSION);
    });
  }

  it('reach into botbuilder\'s lib/ folders only from src/botframework/, each with its reason', () => {
    const deep = /from '(botbuilder|botbuilder-core|botframework-connector)\/lib\//;
    const outside = sourceFiles(SRC_DIR).filter((file) => !file.startsWith(BOTFRAMEWORK_DIR) && deep.test(readFileSync(file, 'utf8')));
    expect(outside, 'deep imports outside src/botframework/').to.deep.equal([]);
    for (const file of sourceFiles(BOTFRAMEWORK_DIR)) {
      const text = readFileSync(file, 'utf8');
      if (deep.test(text)) expect(text, file).to.include(`Bypass of botbuilder (checked on ${BOTBUILDER_CHECKED_VERSION}`);
    }
  });
});
