// What users name: ICP filing numbers, domain names and provinces, read in every way people type them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { ProvincesFile } from '../../src/knowledge/schema.js';
import {
  extractEntities,
  findDomains,
  findIcpNumbers,
  parseDomain,
  parseIcpNumber,
} from '../../src/understanding/entities.js';
import { ProvinceDirectory } from '../../src/understanding/provinces.js';
import { KNOWLEDGE_DIR } from '../support/paths.js';

// Only the province list: these tests must not depend on the FAQ being edited elsewhere.
const provinces = new ProvinceDirectory(
  ProvincesFile.parse(JSON.parse(readFileSync(join(KNOWLEDGE_DIR, 'provinces.json'), 'utf8'))).provinces,
);

describe('entities', () => {
  describe('ICP filing numbers', () => {
    const recognised: { typed: string; normalized: string; province: string; website?: number }[] = [
      { typed: '京ICP备12345678号-1', normalized: '京ICP备12345678号-1', province: 'beijing', website: 1 },
      { typed: '京ICP备 12345678号－1', normalized: '京ICP备12345678号-1', province: 'beijing', website: 1 },
      { typed: '京ICP备１２３４５６７８号', normalized: '京ICP备12345678号', province: 'beijing' },
      { typed: '京ＩＣＰ备１２３４５６７８号－２', normalized: '京ICP备12345678号-2', province: 'beijing', website: 2 },
      { typed: '沪ICP备2021527689-3号', normalized: '沪ICP备2021527689号-3', province: 'shanghai', website: 3 },
      { typed: '粤ICP备2021527689号', normalized: '粤ICP备2021527689号', province: 'guangdong' },
      { typed: '浙icp备2021527689号-12', normalized: '浙ICP备2021527689号-12', province: 'zhejiang', website: 12 },
      { typed: '蜀ICP备12345678号', normalized: '蜀ICP备12345678号', province: 'sichuan' },
      { typed: '川ICP备12345678号', normalized: '川ICP备12345678号', province: 'sichuan' },
      { typed: '黔ICP备12345678号', normalized: '黔ICP备12345678号', province: 'guizhou' },
      { typed: '滇ICP备12345678号', normalized: '滇ICP备12345678号', province: 'yunnan' },
      { typed: '陇ICP备12345678号', normalized: '陇ICP备12345678号', province: 'gansu' },
      { typed: '秦ICP备12345678号', normalized: '秦ICP备12345678号', province: 'shaanxi' },
      { typed: '晋ICP备12345678号', normalized: '晋ICP备12345678号', province: 'shanxi' },
      {
        typed: 'my number is 蒙ICP备12345678号-1, thanks',
        normalized: '蒙ICP备12345678号-1',
        province: 'innermongolia',
        website: 1,
      },
    ];
    for (const { typed, normalized, province, website } of recognised) {
      it(`reads "${typed}" as ${normalized} (${province})`, () => {
        const number = parseIcpNumber(typed, provinces);
        expect(number?.normalized).to.equal(normalized);
        expect(number?.province.id).to.equal(province);
        expect(number?.website).to.equal(website);
        expect(number?.subject).to.equal(normalized.replace(/-\d+$/, ''));
      });
    }

    const rejected: { typed: string; why: string }[] = [
      { typed: '京ICP证000000号', why: 'an ICP licence is not a filing number' },
      { typed: '京ICP证12345678号', why: 'an ICP licence is not a filing number, whatever its length' },
      { typed: '港ICP备12345678号', why: '港 is not a mainland province abbreviation' },
      { typed: 'AICP备12345678号', why: 'the abbreviation must be a Chinese character' },
      { typed: '京ICP备1234567号', why: '7 digits is too short' },
      { typed: '京ICP备123456789号', why: '9 digits is neither the old nor the new length' },
      { typed: '京ICP备12345678901号', why: '11 digits is too long' },
      { typed: '京ICP备12345678号-0', why: 'websites are numbered from 1' },
    ];
    for (const { typed, why } of rejected) {
      it(`rejects "${typed}": ${why}`, () => {
        expect(parseIcpNumber(typed, provinces)).to.equal(undefined);
        expect(findIcpNumbers(`please check ${typed} for me`, provinces)).to.deep.equal([]);
      });
    }

    it('finds every number in a message, in order', () => {
      const found = findIcpNumbers('转入 京ICP备12345678号-1 和 沪ICP备2021527689号', provinces);
      expect(found.map((n) => n.normalized)).to.deep.equal(['京ICP备12345678号-1', '沪ICP备2021527689号']);
    });
  });

  describe('domain names', () => {
    const recognised: { typed: string; ascii: string; display: string }[] = [
      { typed: 'example.com', ascii: 'example.com', display: 'example.com' },
      { typed: 'shop.example.com.cn', ascii: 'shop.example.com.cn', display: 'shop.example.com.cn' },
      { typed: 'https://www.example.cn/about?lang=zh', ascii: 'www.example.cn', display: 'www.example.cn' },
      { typed: 'http://example.cn/', ascii: 'example.cn', display: 'example.cn' },
      { typed: 'EXAMPLE.CN', ascii: 'example.cn', display: 'example.cn' },
      { typed: 'example.com.', ascii: 'example.com', display: 'example.com' },
      { typed: '例子.中国', ascii: 'xn--fsqu00a.xn--fiqs8s', display: '例子.中国' },
      { typed: 'xn--fsqu00a.xn--fiqs8s', ascii: 'xn--fsqu00a.xn--fiqs8s', display: '例子.中国' },
    ];
    for (const { typed, ascii, display } of recognised) {
      it(`reads "${typed}" as ${ascii}`, () => {
        expect(parseDomain(typed)).to.deep.equal({ ascii, display });
        expect(findDomains(`the site ${typed} is mine`).map((d) => d.ascii)).to.deep.equal([ascii]);
      });
    }

    const rejected = [
      '-bad.com',
      'bad-.com',
      'exa mple.com',
      'localhost',
      'example',
      'a..com',
      'example.c',
      'user@example.com',
      '',
    ];
    for (const typed of rejected) {
      it(`rejects ${JSON.stringify(typed)}`, () => {
        expect(parseDomain(typed)).to.equal(undefined);
      });
    }

    it('does not take an e-mail address for a domain', () => {
      expect(findDomains('write to admin@example.com')).to.deep.equal([]);
      expect(findDomains('write to admin@example.com about shop.example.cn').map((d) => d.ascii)).to.deep.equal([
        'shop.example.cn',
      ]);
    });

    it('finds a domain written straight after Chinese text', () => {
      expect(findDomains('注销网站example.cn').map((d) => d.ascii)).to.deep.equal(['example.cn']);
    });
  });

  describe('provinces', () => {
    const answers: { typed: string; province: string | undefined }[] = [
      { typed: 'Beijing', province: 'beijing' },
      { typed: 'beijing', province: 'beijing' },
      { typed: '北京', province: 'beijing' },
      { typed: '北京市', province: 'beijing' },
      { typed: 'bei jing', province: 'beijing' },
      { typed: 'Peking', province: 'beijing' },
      { typed: '粤', province: 'guangdong' },
      { typed: 'Guangdong Province', province: 'guangdong' },
      { typed: '广东省', province: 'guangdong' },
      { typed: 'Shanxi', province: 'shanxi' },
      { typed: 'Shaanxi', province: 'shaanxi' },
      { typed: '山西', province: 'shanxi' },
      { typed: '陕西', province: 'shaanxi' },
      { typed: 'Inner Mongolia', province: 'innermongolia' },
      { typed: 'neimenggu', province: 'innermongolia' },
      { typed: '内蒙古自治区', province: 'innermongolia' },
      { typed: 'xizang', province: 'tibet' },
      { typed: 'Tibet', province: 'tibet' },
      { typed: 'Narnia', province: undefined },
      { typed: 'Beijing and Shanghai', province: undefined },
    ];
    for (const { typed, province } of answers) {
      it(`parses the answer "${typed}" as ${province ?? 'no province'}`, () => {
        expect(provinces.parse(typed)?.id).to.equal(province);
      });
    }

    const sentences: { text: string; province: string | undefined }[] = [
      { text: 'our company is registered in Shanxi', province: 'shanxi' },
      { text: 'our company is registered in Shaanxi', province: 'shaanxi' },
      { text: 'the site was filed in Inner Mongolia last year', province: 'innermongolia' },
      { text: 'we are based in xizang', province: 'tibet' },
      { text: '我们公司在北京', province: 'beijing' },
      { text: 'first Guangdong, later Beijing', province: 'guangdong' },
      { text: 'how long does the review take', province: undefined },
    ];
    for (const { text, province } of sentences) {
      it(`finds ${province ?? 'no province'} in "${text}"`, () => {
        expect(provinces.find(text)?.id).to.equal(province);
      });
    }
  });

  describe('all together', () => {
    it('takes the province from the ICP number and does not read the number as a domain', () => {
      const entities = extractEntities('cancel example.cn, 京ICP备12345678号-1', provinces);
      expect(entities.icpNumbers.map((n) => n.normalized)).to.deep.equal(['京ICP备12345678号-1']);
      expect(entities.domains.map((d) => d.ascii)).to.deep.equal(['example.cn']);
      expect(entities.province?.id).to.equal('beijing');
    });

    it('takes the province from its name when there is no ICP number', () => {
      const entities = extractEntities('transfer shop.example.com, we are in Guangdong', provinces);
      expect(entities.icpNumbers).to.deep.equal([]);
      expect(entities.province?.id).to.equal('guangdong');
    });
  });
});
