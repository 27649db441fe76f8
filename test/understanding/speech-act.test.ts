// A request to act against a question about acting, as users type them: questions inside
// statements and search-box queries, relative clauses inside requests, 麻烦 as a plea or a bother.
import { expect } from 'chai';
import { speechAct, type SpeechAct } from '../../src/understanding/speech-act.js';

function expectAct(act: SpeechAct, texts: readonly string[]): void {
  for (const text of texts) expect(speechAct(text), text).to.equal(act);
}

describe('speech acts', () => {
  it('takes a question after a statement, and a search-box query asking where, why or how long, for a question', () =>
    expectAct('question', [
      'we closed our shop last month. do i still need to cancle the beian or can i just leave it',
      'there is a pending change order and it blocks the cancel. must i wait or can i withdraw it',
      'edit company info button',
      'transfer status check where',
      'cancel review how long',
      '取消接入 几步',
      '就改个网站负责人的手机号，也要重新拍一次幕布照片吗？感觉有点麻烦啊',
    ]));

  it('keeps a request a request when a relative clause or a question follows the verb', () =>
    expectAct('request', [
      'cancel my website which is 京ICP备12345678号-1',
      'transfer my filing, which was done at tencent',
      'cancel the site where I sell shoes',
      'cancel my website, is it free?',
      'I want to cancel, can I do it online?',
      '麻烦帮我注销网站',
      '我要注销网站',
    ]));
});
