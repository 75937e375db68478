import { describe, expect, it } from 'vitest';
import { csvCell, toCsv, toJson, type AuditRow } from './audit-codec.ts';

const row: AuditRow = {
  id: 'r1',
  at: '2026-11-30T10:00:00.000Z',
  actor: 'admin@h.example',
  action: 'directory-edit',
  target: 'nurse@h.example',
  old: '{"name":"=HYPERLINK(\\"x\\")"}',
  new: '{"name":"Priya Shah"}',
  change: '=HYPERLINK("http://evil.example") → Priya Shah',
  cut: '',
};

describe('audit export', () => {
  it('makes a cell starting with = + - @ text, and quotes what needs quoting', () => {
    expect(['=1+1', '+1', '-1', '@SUM(A1)', 'ok', 'a,b'].map(csvCell)).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@SUM(A1)",
      'ok',
      '"a,b"',
    ]);
  });

  it('writes a header and one CRLF line per record, formula cells defused', () => {
    const lines = toCsv([row]).split('\r\n');
    expect(lines[0]).toBe('id,at,actor,action,target,old,new,change,cut');
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"") → Priya Shah"`);
    expect(lines[2]).toBe('');
  });

  it('gives before and after as JSON values', () => {
    expect(JSON.parse(toJson([row]))).toEqual([
      { ...row, old: { name: '=HYPERLINK("x")' }, new: { name: 'Priya Shah' } },
    ]);
  });

  it('keeps a value cut short to fit an answer as the text shown, not JSON', () => {
    const cut = { ...row, old: '{"campus":"xxx…', new: '{"campus":"y"}', cut: 'old change' };
    expect(JSON.parse(toJson([cut]))).toEqual([{ ...cut, old: '{"campus":"xxx…', new: { campus: 'y' } }]);
  });
});
