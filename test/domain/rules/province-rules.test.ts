import { expect } from 'chai';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KnowledgeError } from '../../../src/knowledge/load.js';
import { loadProvinceRules } from '../../../src/knowledge/province-rules.js';
import { readSourceSections } from '../../../src/knowledge/sources.js';
import { KNOWLEDGE_DIR, provinceRules } from './support.js';

/** A copy of knowledge/ with province-rules.json edited, to see what the loader says. */
function loadEdited(edit: (json: Record<string, unknown>) => void): unknown {
  const dir = mkdtempSync(join(tmpdir(), 'province-rules-'));
  try {
    cpSync(KNOWLEDGE_DIR, dir, { recursive: true });
    const file = join(dir, 'province-rules.json');
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    const json: Record<string, unknown> = { ...parsed };
    edit(json);
    writeFileSync(file, JSON.stringify(json));
    return loadProvinceRules(dir);
  } catch (error) {
    return error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function problemsOf(result: unknown): string[] {
  return result instanceof KnowledgeError ? result.problems : [];
}

describe('knowledge/province-rules.json', () => {
  it('loads, with every citation verbatim in its source', () => {
    expect(provinceRules.phoneVerification.provinces).to.have.length(7);
  });

  it('keeps the seed facts on phone verification apart from later reports', () => {
    expect(provinceRules.phoneVerification).to.include({ smsWithinMinutes: 5, answerWithinHours: 48 });
    expect(provinceRules.phoneVerification.laterReports).to.include({ allProvincesSince: '2020-08-17', answerWithinHours: 24 });
  });

  it('lists a cancellation form or an own site for all 31 provinces', () => {
    const covered = new Set([
      ...provinceRules.cancellationForms.forms.map((f) => f.province),
      ...provinceRules.ownCancellationSites.sites.map((s) => s.province),
    ]);
    expect([...covered]).to.have.members(Object.keys(provinceRules.provinceNames));
  });

  it('copies every form link exactly as seed 000 lists it', () => {
    const section = readSourceSections(join(KNOWLEDGE_DIR, 'sources'))
      .get('000_8f40d240c022136d.txt')
      ?.get('Cancel an ICP Filing directly through MIIT');
    const raw = readFileSync(join(KNOWLEDGE_DIR, 'sources', '000_8f40d240c022136d.txt'), 'utf8');
    expect(section).to.be.a('string');
    for (const form of provinceRules.cancellationForms.forms) {
      expect(raw, form.region).to.include(`[${form.region}](${form.url})`);
    }
  });

  it("requires log-on only for Sichuan, the one site seed 000's log-on note follows", () => {
    const logOn = provinceRules.ownCancellationSites.sites.filter((s) => s.mustLogOn).map((s) => s.province);
    expect(logOn).to.deep.equal(['sichuan']);
    expect(provinceRules.ownCancellationSites.sources.map((s) => s.quote)).to.include('You must log on, and then you can cancel your ICP Filing.');
  });

  it('ships no province that forbids changes, since the seeds name none, and says so', () => {
    expect(provinceRules.changeRestrictions.changesNotPermitted).to.deep.equal([]);
    expect(provinceRules.changeRestrictions.note).to.include('name none');
  });

  it('records when each later-source restriction was checked', () => {
    const { personalToCompany, companyToPersonal, companyToAnotherCompany } = provinceRules.subjectTypeChanges;
    for (const group of [personalToCompany, companyToPersonal, companyToAnotherCompany]) {
      expect(group.checked).to.equal('2026-11-25');
    }
  });

  it('reports a quote that is not in its source, naming the field', () => {
    const problems = problemsOf(
      loadEdited((json) => {
        json.appUpload = {
          provinces: ['guangdong'],
          checked: '2026-11-25',
          sources: [{ doc: '002_0d7fdd88b91a65eb.txt', section: 'Transfer an ICP Filing', quote: 'this sentence is not in the seed' }],
        };
      }),
    );
    expect(problems).to.have.length(1);
    expect(problems[0]).to.match(/^knowledge\/province-rules\.json: appUpload\.sources\[0\]: quote/);
  });

  it('reports an unknown province id, naming the field', () => {
    const problems = problemsOf(
      loadEdited((json) => {
        json.changeRestrictions = {
          changesNotPermitted: ['atlantis'],
          note: 'a test edit of the restrictions',
          checked: '2026-11-25',
          sources: [
            {
              doc: '004_32622779390f9597.txt',
              section: 'Change ICP Filing information',
              quote: 'Some provincial and municipal authorities do not permit ICP Filing information changes.',
            },
          ],
        };
      }),
    );
    expect(problems).to.deep.equal([
      'knowledge/province-rules.json: changeRestrictions.changesNotPermitted[0]: "atlantis" is not a province id in provinces.json',
    ]);
  });

  it('reports a missing field by its path', () => {
    const problems = problemsOf(loadEdited((json) => delete json.cancellationForms));
    expect(problems[0]).to.match(/^knowledge\/province-rules\.json: cancellationForms: /);
  });

  it('accepts a province an operator adds to the changes-not-permitted list', () => {
    const loaded = loadEdited((json) => {
      const restrictions = json.changeRestrictions;
      if (typeof restrictions === 'object' && restrictions !== null) {
        json.changeRestrictions = { ...restrictions, changesNotPermitted: ['tibet'] };
      }
    });
    expect(loaded).to.not.be.instanceOf(Error);
  });
});
