import { describe, expect, it } from 'vitest';
import { loadReferenceData } from '../../server/src/reference/load.ts';
import { validateReferenceData } from '../../server/src/reference/validate.ts';

describe('shipped reference data', () => {
  it('is structurally sound', () => {
    expect(validateReferenceData(loadReferenceData())).toEqual([]);
  });

  it('catches the mistakes a hand refresh makes', () => {
    const data = structuredClone(loadReferenceData());
    data.advisories[1] = { ...data.advisories[1], id: data.advisories[0].id, severity: 'severe', affected: [{ series: '17', fixed_build_date: null, fixed_in: null }] };
    data.series[0] = { ...data.series[0], end_of_support: '2017-10-01' };
    const problems = validateReferenceData(data);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/duplicate id/),
        expect.stringMatching(/severity "severe"/),
        expect.stringMatching(/affected series "17"/),
        expect.stringMatching(/end_of_support is not YYYY-MM/),
      ]),
    );
  });
});
