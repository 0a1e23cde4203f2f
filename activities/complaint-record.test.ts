import { describe, expect, it } from 'vitest';
import { complaintFields } from './complaint-record';

describe('complaintFields', () => {
  it('derives the stage from what the steps have decided', () => {
    expect(complaintFields({ severity: 'serious' }).stage).toBe('registered');
    expect(complaintFields({ responsibleDepartment: 'quality' }).stage).toBe('investigated');
    expect(complaintFields({ responsibleDepartment: 'quality', solutionDeadline: '2026-12-01T10:00:00+08:00' }).stage).toBe('handling');
  });

  it('keeps only values the columns can hold', () => {
    const f = complaintFields({ severity: 'catastrophic', causeType: 'own', compensationAmount: '800.456', solutionDeadline: 'soon', receivedAt: '2026-03-02T09:30+08:00', isValid: 'yes' });
    expect(f).toMatchObject({ severity: null, causeType: 'own', compensationAmount: 800.46, promisedDeadline: null, receivedAt: '2026-03-02T01:30:00.000Z', isValid: null });
    expect(complaintFields({ compensationAmount: -5 }).compensationAmount).toBeNull();
  });
});
