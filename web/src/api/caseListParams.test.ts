import { describe, expect, it } from 'vitest';
import { caseExportHref, caseListApiQuery, caseParamsFromSearch, caseParamsToSearch, hasCaseFilters } from './caseListParams';

describe('案例 list filters', () => {
  it('round-trip through the page URL, dropping what is malformed', () => {
    const p = caseParamsFromSearch(new URLSearchParams('owner=me&status=running&process=complaint&q=%20TS-2026-11-000123%20&from=2026-11-01&to=2026-11-30'));
    expect(p).toEqual({ owner: 'me', status: 'running', processKey: 'complaint', q: 'TS-2026-11-000123', from: '2026-11-01', to: '2026-11-30' });
    expect(caseParamsFromSearch(caseParamsToSearch(p))).toEqual(p);
    expect(caseParamsFromSearch(new URLSearchParams('status=lost&from=2026-02-30&to=9999-12-31&q=%20'))).toEqual({});
    expect(hasCaseFilters({})).toBe(false);
    expect(hasCaseFilters({ q: 'x' })).toBe(true);
  });

  it('ask the API for a page after the cursor, and export the same filters', () => {
    expect(caseListApiQuery({ q: '宁波', processKey: 'complaint' }, 'abc')).toBe('processKey=complaint&q=%E5%AE%81%E6%B3%A2&limit=50&cursor=abc');
    expect(caseListApiQuery({}, null)).toBe('limit=50');
    expect(caseExportHref({ status: 'completed', from: '2026-11-01' }, 'zh-CN')).toBe('/api/cases/export?status=completed&from=2026-11-01&lang=zh-CN');
  });
});
