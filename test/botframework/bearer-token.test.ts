// The one reader of bearer Authorization headers, shared by Bot Framework, operator and Direct Line tokens.
import { expect } from 'chai';
import { bearerToken } from '../../src/botframework/bearer-token.js';

describe('bearerToken', () => {
  const cases: { header: string | undefined; token: string | undefined }[] = [
    { header: 'Bearer abc.def.ghi', token: 'abc.def.ghi' },
    { header: 'bearer abc', token: 'abc' },
    { header: '  Bearer   abc  ', token: 'abc' },
    { header: 'Bearer', token: undefined },
    { header: 'Bearer ', token: undefined },
    { header: 'Bearer two words', token: undefined },
    { header: 'Basic dXNlcjpwYXNz', token: undefined },
    { header: 'abc', token: undefined },
    { header: '', token: undefined },
    { header: undefined, token: undefined },
  ];
  for (const { header, token } of cases) {
    it(`reads ${JSON.stringify(header)} as ${token === undefined ? 'no token' : JSON.stringify(token)}`, () => {
      expect(bearerToken(header)).to.equal(token);
    });
  }
});
