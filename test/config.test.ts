// Configuration: defaults, one-line errors that name the variable, secrets kept out of messages.
import { spawn } from 'node:child_process';
import { expect } from 'chai';
import { ConfigError, parseConfig, requiresAuthentication } from '../src/config.js';
import { REPO_ROOT, makeTempDir, removeDir } from './support/paths.js';

const SECRET = 'pa55-w0rd-that-must-never-be-printed';
const APP_ID = '00000000-0000-0000-0000-000000000001';

function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`parseConfig accepted ${JSON.stringify(Object.keys(env))}`);
}

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real start-up; kills it if it is still running after the timeout (it should not start). */
function start(env: NodeJS.ProcessEnv, timeoutMs = 15000): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: REPO_ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`start-up still running after ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('configuration', () => {
  describe('parseConfig', () => {
    it('uses the defaults when nothing is set', () => {
      const config = parseConfig({});
      expect(config.PORT).to.equal(3978);
      expect(config.DATA_DIR).to.equal('./data');
      expect(config.KNOWLEDGE_DIR).to.equal('./knowledge');
      expect(config.MicrosoftAppId).to.equal(undefined);
      expect(requiresAuthentication(config)).to.equal(false);
    });

    it('reads PORT as a number', () => {
      expect(parseConfig({ PORT: '8080' }).PORT).to.equal(8080);
    });

    it('treats an empty MicrosoftAppId as not set', () => {
      const config = parseConfig({ MicrosoftAppId: '  ', MicrosoftAppPassword: '' });
      expect(config.MicrosoftAppId).to.equal(undefined);
      expect(requiresAuthentication(config)).to.equal(false);
    });

    it('requires authentication once an Azure Bot app is configured', () => {
      const config = parseConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: SECRET });
      expect(requiresAuthentication(config)).to.equal(true);
    });

    const invalid: { name: string; env: Record<string, string>; names: string; says: RegExp }[] = [
      { name: 'PORT that is not a number', env: { PORT: 'abc' }, names: 'PORT', says: /whole number between 0 and 65535/ },
      { name: 'PORT out of range', env: { PORT: '70000' }, names: 'PORT', says: /whole number between 0 and 65535/ },
      { name: 'PORT with a fraction', env: { PORT: '3978.5' }, names: 'PORT', says: /whole number/ },
      {
        name: 'MicrosoftAppId without a password',
        env: { MicrosoftAppId: APP_ID },
        names: 'MicrosoftAppPassword',
        says: /required when MicrosoftAppId is set/,
      },
      {
        name: 'SingleTenant without a tenant',
        env: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: SECRET, MicrosoftAppType: 'SingleTenant' },
        names: 'MicrosoftAppTenantId',
        says: /required when MicrosoftAppType is SingleTenant/,
      },
      {
        name: 'an unknown MicrosoftAppType',
        env: { MicrosoftAppType: 'Everyone' },
        names: 'MicrosoftAppType',
        says: /MultiTenant, SingleTenant or UserAssignedMSI/,
      },
      { name: 'an unknown LOG_LEVEL', env: { LOG_LEVEL: 'loud' }, names: 'LOG_LEVEL', says: /one of/ },
    ];
    for (const { name, env, names, says } of invalid) {
      it(`rejects ${name} in one line naming ${names}`, () => {
        const { message } = configError(env);
        expect(message).not.to.include('\n');
        expect(message).to.match(new RegExp(`\\b${names}\\b`));
        expect(message).to.match(says);
      });
    }

    it('shows the bad value of an ordinary variable, so the reader sees what is wrong', () => {
      expect(configError({ PORT: 'abc' }).message).to.include('"abc"');
    });

    const withSecret: { name: string; env: Record<string, string> }[] = [
      { name: 'PORT is wrong', env: { PORT: 'abc', MicrosoftAppId: APP_ID, MicrosoftAppPassword: SECRET } },
      {
        name: 'the tenant is missing',
        env: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: SECRET, MicrosoftAppType: 'SingleTenant' },
      },
      {
        name: 'the app type is wrong',
        env: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: SECRET, MicrosoftAppType: 'Everyone' },
      },
    ];
    for (const { name, env } of withSecret) {
      it(`never echoes the password when ${name}`, () => {
        expect(configError(env).message).not.to.include(SECRET);
      });
    }
  });

  describe('start-up', () => {
    let dataDir: string;

    before(() => {
      dataDir = makeTempDir();
    });

    after(() => removeDir(dataDir));

    it('stops with a non-zero exit and one line on stderr when PORT is not a number', async function () {
      // A real node process compiling TypeScript: seconds, not milliseconds, on a busy CI machine.
      this.timeout(30000);
      const env: NodeJS.ProcessEnv = { ...process.env };
      for (const name of Object.keys(env)) if (name.startsWith('Microsoft')) delete env[name];
      Object.assign(env, { PORT: 'abc', DATA_DIR: dataDir, MicrosoftAppId: APP_ID, MicrosoftAppPassword: SECRET });

      const { code, stdout, stderr } = await start(env);

      expect(code).to.be.a('number').and.not.to.equal(0);
      const lines = stderr.split('\n').filter((line) => line.trim() !== '');
      expect(lines, stderr).to.have.lengthOf(1);
      expect(lines[0]).to.match(/\bPORT\b/).and.to.match(/whole number between 0 and 65535/);
      expect(stderr + stdout).not.to.include(SECRET);
      expect(stderr).not.to.match(/\bat .*\.ts:\d+/);
    });
  });
});
