import { describe, expect, it } from 'vitest';
import { auditCsv } from './export.ts';

const row = {
  request: 'k3v9q2mx',
  template: 'accept-patient',
  title: 'Accept Patient',
  sender: 'doctor@h.example',
  event: 'answered' as const,
  who: 'nurse@h.example',
  choice: 'accept',
  at: '2026-11-24T10:44:10.000Z',
  resource: 'pwa',
  tookMs: 130000,
};

describe('audit CSV', () => {
  it('has the header and one line per event', () => {
    expect(auditCsv([row])).toEqual([
      'request,template,title,sender,event,who,choice,at,resource,took_ms',
      'k3v9q2mx,accept-patient,Accept Patient,doctor@h.example,answered,nurse@h.example,accept,2026-11-24T10:44:10.000Z,pwa,130000',
    ]);
  });

  it('quotes commas, quotes and line breaks (RFC 4180), and never lets a spreadsheet run a cell as a formula', () => {
    const [, line] = auditCsv([
      { ...row, title: 'Bed 4, "north"\nwing', resource: '=HYPERLINK("x")', tookMs: undefined },
    ]);
    expect(line).toBe(
      `k3v9q2mx,accept-patient,"Bed 4, ""north""\nwing",doctor@h.example,answered,nurse@h.example,accept,2026-11-24T10:44:10.000Z,"'=HYPERLINK(""x"")",`,
    );
  });
});
