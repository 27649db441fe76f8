// CSV as a spreadsheet reads it: RFC 4180 quoting, CRLF lines, a byte order mark for Excel, and
// no cell that a spreadsheet would run as a formula.
import { expect } from 'chai';
import { csvCell, toCsv, type CsvCell } from '../../src/http/csv.js';

describe('CSV writing', () => {
  const cells: { value: CsvCell; written: string; why: string }[] = [
    { value: 'FA-7K3Q9M', written: 'FA-7K3Q9M', why: 'plain text as it is' },
    { value: '京ICP备12345678号-1', written: '京ICP备12345678号-1', why: 'Chinese as it is' },
    { value: 'a,b', written: '"a,b"', why: 'a comma quoted' },
    { value: 'say "hi"', written: '"say ""hi"""', why: 'quotes doubled inside quotes' },
    { value: 'two\nlines', written: '"two\nlines"', why: 'a line break quoted' },
    { value: '=1+1', written: "'=1+1", why: 'a formula defused' },
    { value: '+86 138', written: "'+86 138", why: 'a leading plus defused' },
    { value: '-2+3', written: "'-2+3", why: 'a leading minus defused' },
    { value: '@SUM(A1)', written: "'@SUM(A1)", why: 'a leading at sign defused' },
    { value: '\t=1', written: "'\t=1", why: 'a leading tab defused' },
    { value: '=HYPERLINK("x","y")', written: '"\'=HYPERLINK(""x"",""y"")"', why: 'defused, then quoted' },
    { value: 'a=b', written: 'a=b', why: 'an equals sign inside left alone' },
    { value: -3, written: '-3', why: 'a number is a number' },
    { value: 0, written: '0', why: 'zero' },
    { value: undefined, written: '', why: 'nothing as an empty cell' },
    { value: null, written: '', why: 'null as an empty cell' },
  ];
  for (const { value, written, why } of cells) {
    it(`writes ${JSON.stringify(value) ?? 'undefined'} as ${JSON.stringify(written)}: ${why}`, () => {
      expect(csvCell(value)).to.equal(written);
    });
  }

  it('writes a byte order mark, the header and each row, every line ending in CRLF', () => {
    const csv = toCsv(['id', 'note'], [
      ['FA-7K3Q9M', 'documents, checked'],
      ['FA-8M4R2N', undefined],
    ]);
    expect(csv).to.equal('\ufeffid,note\r\nFA-7K3Q9M,"documents, checked"\r\nFA-8M4R2N,\r\n');
  });
});
