// What is kept of a question: personal data replaced by what it was, long numbers hidden, one line,
// at most 500 characters, whatever the user typed.
import { expect } from 'chai';
import { MAX_QUESTION_CHARS } from '../../src/domain/questions/question-log.js';
import { scrubQuestion } from '../../src/understanding/question-scrub.js';

describe('scrubbing a question before it is kept', () => {
  const cases: { name: string; typed: string; kept: string }[] = [
    {
      name: 'a mobile number, however it is written',
      typed: 'Can I pay by bitcoin? Call me on +86 138 1234 5678 or 13912345678',
      kept: 'Can I pay by bitcoin? Call me on [phone] or [phone]',
    },
    { name: 'a resident identity number', typed: '我的身份证号是11010119900307451X，可以用比特币付款吗', kept: '我的身份证号是[id-number]，可以用比特币付款吗' },
    { name: 'a landline with its area code', typed: 'ring 010-87654321 about invoices', kept: 'ring [phone] about invoices' },
    { name: 'an e-mail address', typed: 'email li.lei@example.com the invoice', kept: 'email [email] the invoice' },
    { name: 'any other long number (a bank card)', typed: 'refund to card 6222 0212 3456 7890 please', kept: 'refund to card [number] please' },
    { name: 'a mobile number typed in full-width digits', typed: '手机１３８１２３４５６７８，备案能加急吗', kept: '手机[phone]，备案能加急吗' },
    { name: 'a mobile number written with dots', typed: 'call 138.1234.5678 about fees', kept: 'call [number] about fees' },
    { name: 'an e-mail address with a full-width ＠', typed: '发到 zhangsan＠qq.com 吧', kept: '发到 [email] 吧' },
    { name: 'an e-mail address spelled out', typed: 'mail zhangsan(at)qq.com or li @ example.com', kept: 'mail [email] or [email]' },
    { name: 'a password after 密码是', typed: '我的工信部密码是Zs@2024abc，登录不上', kept: '我的工信部密码是[password]，登录不上' },
    { name: 'a password after "password is"', typed: 'my MIIT password is Abc!2345xy and it fails', kept: 'my MIIT password is [password] and it fails' },
    { name: 'control characters and runs of spaces', typed: 'can\u0000 I\n\n  pay\tby bitcoin', kept: 'can I pay by bitcoin' },
  ];
  for (const { name, typed, kept } of cases) {
    it(`replaces ${name}`, () => {
      expect(scrubQuestion(typed)).to.equal(kept);
    });
  }

  it('keeps a question without personal data as it was asked', () => {
    expect(scrubQuestion('How long does the cancellation review take?')).to.equal('How long does the cancellation review take?');
    expect(scrubQuestion('注销备案审核要多久')).to.equal('注销备案审核要多久');
    expect(scrubQuestion('我忘了密码怎么办')).to.equal('我忘了密码怎么办');
  });

  it(`cuts a long question to ${MAX_QUESTION_CHARS} characters without splitting an emoji`, () => {
    const kept = scrubQuestion(`${'a'.repeat(MAX_QUESTION_CHARS - 1)}👍 and more`);
    expect(kept.length).to.be.at.most(MAX_QUESTION_CHARS);
    expect(kept).to.equal('a'.repeat(MAX_QUESTION_CHARS - 1));
    expect(scrubQuestion('备'.repeat(2000))).to.equal('备'.repeat(MAX_QUESTION_CHARS));
  });
});
