// Which language a conversation is held in, message by message.
import { expect } from 'chai';
import { channelLanguage, conversationLanguage, requestedLanguage, writtenLanguage } from '../../src/understanding/language.js';

describe('the conversation language', () => {
  it('is the language the user writes in, Chinese when a Chinese sentence carries English terms', () => {
    expect(writtenLanguage('how long does the review take?')).to.equal('en');
    expect(writtenLanguage('注销备案审核要多久')).to.equal('zh');
    expect(writtenLanguage('aliyun 注销主体 vs 注销网站')).to.equal('zh');
  });

  it('is not decided by an ICP number, a domain, an order id or a number', () => {
    for (const neutral of ['京ICP备12345678号-1', '京ICP证000000号', '例子.中国', 'example.cn', 'FA-7K3Q9M', '1', '13812345678', '  ']) {
      expect(writtenLanguage(neutral), neutral).to.equal(undefined);
    }
  });

  it('stays English for an English question that names a Chinese ICP number', () => {
    expect(conversationLanguage('cancel the website 沪ICP备12345678号-1 please', 'zh', 'zh-CN')).to.equal('en');
  });

  it('keeps the conversation language for a message in no language', () => {
    expect(conversationLanguage('京ICP备12345678号', 'zh', 'en-US')).to.equal('zh');
    expect(conversationLanguage('1', 'en', 'zh-CN')).to.equal('en');
  });

  it("falls back to the channel's locale, then English", () => {
    expect(conversationLanguage('京ICP备12345678号', undefined, 'zh-CN')).to.equal('zh');
    expect(conversationLanguage('京ICP备12345678号', undefined, 'fr-FR')).to.equal('en');
    expect(channelLanguage('zh-TW')).to.equal('zh');
    expect(channelLanguage(undefined)).to.equal(undefined);
  });

  it('switches on an explicit request, whichever language it is written in', () => {
    expect(requestedLanguage('English please')).to.equal('en');
    expect(requestedLanguage('switch to Chinese')).to.equal('zh');
    expect(requestedLanguage('说中文')).to.equal('zh');
    expect(requestedLanguage('请用英文回答')).to.equal('en');
    expect(conversationLanguage('请说英文', 'zh', 'zh-CN')).to.equal('en');
  });

  it('does not take a question that names a language for a request to switch', () => {
    expect(requestedLanguage('is the filing system in English?')).to.equal(undefined);
    expect(requestedLanguage('备案系统有英文版吗')).to.equal(undefined);
  });
});
