import { expect } from 'chai';
import { mkdtempSync, cpSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { z } from 'zod';
import { join } from 'node:path';
import { Catalogue, catalogueProblems, message, placeholdersOf, type MessageEntry } from '../../src/knowledge/catalogue.js';
import { loadKnowledge, KnowledgeError } from '../../src/knowledge/load.js';
import { KNOWLEDGE_DIR } from '../domain/rules/support.js';

const declarations = {
  'test.plain': { vars: [] },
  'test.domain': { vars: ['domain', 'count'] },
};

function entries(extra: Record<string, MessageEntry> = {}): Map<string, MessageEntry> {
  return new Map(
    Object.entries({
      'test.plain': { en: 'Hello.', zh: '你好。' },
      'test.domain': { en: 'Remove {domain} from {count} domains?', zh: '从 {count} 个域名中删除 {domain}？' },
      ...extra,
    }),
  );
}

describe('the message catalogue', () => {
  it('finds the named placeholders of a text', () => {
    expect(placeholdersOf('Remove {domain} of {count}, {domain}.')).to.deep.equal(['count', 'domain']);
  });

  it('accepts entries exactly as the code declares them', () => {
    expect(catalogueProblems(entries(), declarations)).to.deep.equal([]);
  });

  it('names a missing id, a placeholder the code does not supply, and an unused id', () => {
    const broken = entries({
      'test.domain': { en: 'Remove {domain} of {total}?', zh: '删除 {domain}（共 {count} 个）？' },
      'test.unused': { en: 'Nobody reads me.', zh: '没人读我。' },
    });
    broken.delete('test.plain');
    expect(catalogueProblems(broken, declarations)).to.deep.equal([
      'test.plain: missing (the code uses it)',
      'test.domain.en: placeholders {domain, total} but the code supplies {count, domain}',
      'test.unused: no code uses this message (remove it, or declare it)',
    ]);
  });

  it('renders placeholders, numbers and lists in the locale', () => {
    const catalogue = new Catalogue(entries({ 'test.list': { en: 'Drop {domains}? ({count})', zh: '删除{domains}？（{count}）' } }));
    const ref = { id: 'test.list', vars: { domains: ['a.cn', 'b.cn', 'c.cn'], count: 1200 } };
    expect(catalogue.render('en', ref)).to.equal('Drop a.cn, b.cn and c.cn? (1,200)');
    expect(catalogue.render('zh', ref)).to.equal('删除a.cn、b.cn和c.cn？（1,200）');
  });

  it('refuses to render a message whose placeholder has no value', () => {
    const catalogue = new Catalogue(entries());
    expect(() => catalogue.render('en', { id: 'test.domain', vars: { domain: 'a.cn' } })).to.throw(
      'message test.domain needs a value for {count}',
    );
  });

  it('refuses a Chinese text whose placeholders differ from the English', () => {
    const broken = entries({ 'test.domain': { en: 'Remove {domain} from {count} domains?', zh: '删除 {domain}？' } });
    expect(catalogueProblems(broken, declarations)).to.deep.equal(['test.domain.zh: placeholders {domain} but the code supplies {count, domain}']);
  });

  it('keeps the placeholders a message reference was made with', () => {
    expect(message('order.state.inProcess')).to.deep.equal({ id: 'order.state.inProcess', vars: {} });
  });

  it('stops start-up when a shipped message is missing, naming the file area and the id', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fa-catalogue-'));
    cpSync(KNOWLEDGE_DIR, dir, { recursive: true });
    const file = join(dir, 'messages', 'orders.json');
    const json = z.record(z.string(), z.unknown()).parse(JSON.parse(readFileSync(file, 'utf8')));
    delete json['order.state.withdrawn'];
    writeFileSync(file, JSON.stringify(json));
    expect(() => loadKnowledge(dir)).to.throw(KnowledgeError, 'knowledge/messages: order.state.withdrawn: missing (the code uses it)');
  });
});
