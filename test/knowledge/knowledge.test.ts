// The help content in knowledge/: it loads, every fact cites a real passage, and broken edits are named.
import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { z } from 'zod';
import { KnowledgeError, loadKnowledge, type Knowledge } from '../../src/knowledge/load.js';
import { ProvincesFile, SOURCE_DOCUMENTS, type Citation } from '../../src/knowledge/schema.js';
import {
  citationProblem,
  normaliseForQuote,
  readSourceSections,
  type SourceSections,
} from '../../src/knowledge/sources.js';
import { KNOWLEDGE_DIR, SHARED_DIR, makeTempDir, removeDir } from '../support/paths.js';

/** Just enough of an FAQ file's shape to break one field; everything else passes through untouched. */
const EditableFaqFile = z.looseObject({
  entries: z
    .array(
      z.looseObject({
        answer: z.unknown(),
        zh: z.unknown().optional(),
        sources: z.array(z.looseObject({ quote: z.unknown() })).min(1),
      }),
    )
    .min(1),
});
type EditableFaqFile = z.infer<typeof EditableFaqFile>;

/** Every citation in the knowledge, labelled with where it is. */
function allCitations(knowledge: Knowledge): { where: string; citation: Citation }[] {
  const provinces = ProvincesFile.parse(JSON.parse(readFileSync(join(KNOWLEDGE_DIR, 'provinces.json'), 'utf8')));
  return [
    { where: 'provinces.json source', citation: provinces.source },
    ...knowledge.faq.flatMap((entry) =>
      entry.sources.map((citation, i) => ({ where: `faq ${entry.id}.sources[${i}]`, citation })),
    ),
  ];
}

function loadError(dir: string): KnowledgeError {
  try {
    loadKnowledge(dir);
  } catch (error) {
    if (error instanceof KnowledgeError) return error;
    throw error;
  }
  throw new Error(`loadKnowledge(${dir}) accepted broken knowledge`);
}

describe('knowledge', () => {
  let knowledge: Knowledge;
  let sources: SourceSections;

  before(() => {
    knowledge = loadKnowledge(KNOWLEDGE_DIR);
    sources = readSourceSections(join(KNOWLEDGE_DIR, 'sources'));
  });

  describe('the real knowledge folder', () => {
    it('loads without a single problem', () => {
      expect(() => loadKnowledge(KNOWLEDGE_DIR)).not.to.throw();
      expect(knowledge.faq.length).to.be.greaterThan(0);
      expect(knowledge.provinces).to.have.lengthOf(31);
    });

    it('cites, for every FAQ entry and the province list, a section that exists and contains the quote', () => {
      const problems: string[] = [];
      for (const { where, citation } of allCitations(knowledge)) {
        const body = sources.get(citation.doc)?.get(citation.section);
        if (body === undefined) problems.push(`${where}: no section "${citation.section}" in ${citation.doc}`);
        else if (!body.includes(normaliseForQuote(citation.quote))) problems.push(`${where}: quote not in section`);
        const problem = citationProblem(sources, citation);
        if (problem !== undefined) problems.push(`${where}: ${problem}`);
      }
      expect(problems).to.deep.equal([]);
    });

    it('gives every FAQ entry at least one citation', () => {
      const uncited = knowledge.faq.filter((item) => item.sources.length === 0);
      expect(uncited.map((item) => item.id)).to.deep.equal([]);
    });

    it('has every FAQ entry and every message in English and Chinese', () => {
      const cjk = /[\u3400-\u9fff]/;
      const notChinese = knowledge.faq.filter((e) => !cjk.test(e.zh.question) || !cjk.test(e.zh.answer)).map((e) => e.id);
      expect(notChinese, 'FAQ entries without a Chinese question and answer').to.deep.equal([]);
      const messages = z.record(z.string(), z.object({ en: z.string(), zh: z.string() }));
      for (const name of readdirSync(join(KNOWLEDGE_DIR, 'messages')).filter((n) => n.endsWith('.json'))) {
        const file = messages.parse(JSON.parse(readFileSync(join(KNOWLEDGE_DIR, 'messages', name), 'utf8')));
        // A message that is only a name, an address or a number may read the same in both languages.
        const untranslated = Object.entries(file).filter(([, m]) => m.zh === m.en && /\b[a-z]{3,}\b/.test(m.en.replace(/\{\w+\}|https?:\S+/g, '')));
        expect(untranslated.map(([id]) => id), `messages/${name}: Chinese identical to English`).to.deep.equal([]);
      }
    });

    it('uses every FAQ id once', () => {
      const duplicates = (ids: string[]): string[] => ids.filter((id, i) => ids.indexOf(id) !== i);
      expect(duplicates(knowledge.faq.map((e) => e.id))).to.deep.equal([]);
    });

    it('names only existing FAQ entries as related questions', () => {
      const ids = new Set(knowledge.faq.map((e) => e.id));
      const dangling = knowledge.faq.flatMap((entry) =>
        entry.related.filter((id) => !ids.has(id)).map((id) => `${entry.id} -> ${id}`),
      );
      expect(dangling).to.deep.equal([]);
    });
  });

  describe('what the fact-check of issue 11 corrected', () => {
    const entry = (id: string) => {
      const found = knowledge.faq.find((e) => e.id === id);
      if (!found) throw new Error(`no FAQ entry ${id}`);
      return found;
    };

    it('says a cancellation order cannot be deleted (seed 003), never that it cannot be withdrawn', () => {
      const withdrawn = knowledge.faq.filter((e) => /cannot be withdrawn|can't be withdrawn|无法撤回|不能撤回/.test(`${e.answer} ${e.zh.answer}`));
      expect(withdrawn.map((e) => e.id)).to.deep.equal([]);
      expect(entry('transfer-cancellation-order-delete').answer).to.include('cannot be deleted');
    });

    it('ties the log-on note to the Sichuan link only, as seed 000 places it', () => {
      const { answer, zh } = entry('cancel-provincial-site-login');
      expect(answer).to.match(/^For Sichuan, yes/);
      expect(answer).to.include('does not make clear whether it also applies to Shanghai');
      expect(answer).to.include('says nothing about logging on for Hunan');
      expect(zh.answer).to.match(/^四川需要/);
    });

    it('cites DOMAIN.md for the facts it alone gives', () => {
      for (const id of ['unfinished-orders-deleted', 'change-personal-company', 'icp-number-website-suffix', 'icp-licence-vs-filing']) {
        expect(entry(id).sources.map((s) => s.doc), id).to.include('DOMAIN.md');
      }
    });

    it("cites the not-the-subject route from seed 000's MIIT section", () => {
      const citations = z.record(z.string(), z.object({ doc: z.string(), section: z.string() }))
        .parse(JSON.parse(readFileSync(join(KNOWLEDGE_DIR, 'citations.json'), 'utf8')));
      expect(citations.notFilingSubject).to.deep.include({ doc: '000_8f40d240c022136d.txt', section: 'Cancel an ICP Filing directly through MIIT' });
    });
  });

  describe('citation checks', () => {
    const [doc] = SOURCE_DOCUMENTS;

    it('reports a section that is not a heading of the document', () => {
      const problem = citationProblem(sources, { doc, section: 'No such heading anywhere', quote: 'whatever it says' });
      expect(problem).to.include('No such heading anywhere').and.to.include(doc);
    });

    it('reports a quote that is not in the named section', () => {
      const [section] = [...(sources.get(doc)?.keys() ?? [])];
      expect(section, `${doc} has no sections`).to.be.a('string');
      const citation = { doc, section: section ?? '', quote: 'a sentence the help material never says' };
      expect(citationProblem(sources, citation)).to.include('a sentence the help material never says');
    });
  });

  describe('knowledge/sources', () => {
    it('are exact copies of ../shared/seeds/*.txt and ../shared/DOMAIN.md', function () {
      if (!existsSync(SHARED_DIR)) this.skip();
      const sharedCopy = (doc: string): string =>
        doc === 'DOMAIN.md' ? join(SHARED_DIR, 'DOMAIN.md') : join(SHARED_DIR, 'seeds', doc);
      const different = SOURCE_DOCUMENTS.filter(
        (doc) => !readFileSync(join(KNOWLEDGE_DIR, 'sources', doc)).equals(readFileSync(sharedCopy(doc))),
      );
      expect(different, 'copies that differ from ../shared').to.deep.equal([]);
      const seeds = readdirSync(join(SHARED_DIR, 'seeds')).filter((name) => name.endsWith('.txt'));
      const missing = seeds.filter((name) => !existsSync(join(KNOWLEDGE_DIR, 'sources', name)));
      expect(missing, 'seed documents with no copy in knowledge/sources').to.deep.equal([]);
    });
  });

  describe('a broken copy of the knowledge', () => {
    let dir: string;

    beforeEach(() => {
      dir = makeTempDir();
      cpSync(KNOWLEDGE_DIR, dir, { recursive: true });
    });

    afterEach(() => removeDir(dir));

    function editFaq(name: string, edit: (file: EditableFaqFile) => void): void {
      const path = join(dir, 'faq', name);
      const file = EditableFaqFile.parse(JSON.parse(readFileSync(path, 'utf8')));
      edit(file);
      writeFileSync(path, JSON.stringify(file, null, 2));
    }

    function editCitations(edit: (file: Record<string, { section: string }>) => void): void {
      const path = join(dir, 'citations.json');
      const file = z.record(z.string(), z.looseObject({ section: z.string() })).parse(JSON.parse(readFileSync(path, 'utf8')));
      edit(file);
      writeFileSync(path, JSON.stringify(file, null, 2));
    }

    it('loads while unchanged, so the failures below come from the edits', () => {
      expect(loadKnowledge(dir).faq).to.have.lengthOf(knowledge.faq.length);
    });

    it('fails naming the file and field when an answer is a number', () => {
      editFaq('cancel.json', (file) => {
        const [first] = file.entries;
        if (first) first.answer = 42;
      });
      const error = loadError(dir);
      expect(error.message).to.include('faq/cancel.json').and.to.include('entries[0].answer');
      expect(error.problems.some((p) => p.includes('faq/cancel.json') && p.includes('entries[0].answer'))).to.equal(
        true,
        `no single problem names both the file and the field: ${error.message}`,
      );
    });

    it('fails naming the file, entry and citation when a quote is not in its section', () => {
      const quote = 'This sentence appears in no help document at all.';
      editFaq('cancel.json', (file) => {
        const citation = file.entries[0]?.sources[0];
        if (citation) citation.quote = quote;
      });
      const error = loadError(dir);
      const problem = error.problems.find((p) => p.includes(quote));
      expect(problem, error.message).to.be.a('string');
      expect(problem).to.include('faq/cancel.json').and.to.include('entries[0]').and.to.include('sources[0]');
    });

    it('fails naming the file and the entry when an FAQ entry has no Chinese', () => {
      editFaq('cancel.json', (file) => {
        const [first] = file.entries;
        if (first) delete first.zh;
      });
      const problem = loadError(dir).problems.find((p) => p.includes('faq/cancel.json') && p.includes('entries[0].zh'));
      expect(problem, 'a problem naming faq/cancel.json and entries[0].zh').to.be.a('string');
    });

    it('fails naming the message when its Chinese is missing', () => {
      const path = join(dir, 'messages', 'orders.json');
      const file = z.record(z.string(), z.record(z.string(), z.string())).parse(JSON.parse(readFileSync(path, 'utf8')));
      delete file['order.state.withdrawn']?.zh;
      writeFileSync(path, JSON.stringify(file, null, 2));
      const problem = loadError(dir).problems.find((p) => p.includes('messages/orders.json') && p.includes('order.state.withdrawn'));
      expect(problem, 'a problem naming messages/orders.json and the id').to.be.a('string');
    });

    it('fails naming citations.json and the id when a citation the flows show cites a heading that does not exist', () => {
      editCitations((file) => {
        const citation = file.transferTypes;
        if (citation) citation.section = 'A heading nobody wrote';
      });
      const error = loadError(dir);
      const problem = error.problems.find((p) => p.includes('A heading nobody wrote'));
      expect(problem, error.message).to.be.a('string');
      expect(problem).to.include('citations.json').and.to.include('transferTypes');
    });
  });
});
