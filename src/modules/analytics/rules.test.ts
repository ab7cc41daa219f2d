// The retirement roadmap (Labour Code 2019 Art. 169, Decree 135/2020 appendix I) and the step calendar.
import { describe, expect, it } from 'vitest';
import { addMonths, birthWindow, retirementAgeMonths, retirementDate, seniorityPercent } from './rules.ts';

describe('retirement roadmap', () => {
  it('raises the age by 3 months a year for men to 62 and 4 months a year for women to 60', () => {
    expect([2020, 2021, 2022, 2027, 2028, 2035].map((y) => retirementAgeMonths('M', y))).toEqual([
      720, 723, 726, 741, 744, 744,
    ]);
    expect([2020, 2021, 2022, 2034, 2035, 2040].map((y) => retirementAgeMonths('F', y))).toEqual([
      660, 664, 668, 716, 720, 720,
    ]);
  });

  it('applies the age of the year in which it is reached (appendix I examples)', () => {
    expect(retirementDate('1961-01-15', 'M')).toBe('2021-04-15'); // 60y3m in 2021
    expect(retirementDate('1961-10-15', 'M')).toBe('2022-04-15'); // 60y3m would fall in 2022: 60y6m
    expect(retirementDate('1966-01-01', 'F')).toBe('2021-05-01'); // 55y4m
    expect(retirementDate('1980-01-01', 'F')).toBe('2040-01-01'); // 60 from 2035 on
    expect(retirementDate('1970-06-10', 'M')).toBe('2032-06-10'); // 62 from 2028 on
    expect(retirementDate('1955-03-01', 'M')).toBe('2015-03-01'); // 60 before 2021
  });

  it('turns a window of retirement dates into one range of birth dates', () => {
    const w = birthWindow('M', '2026-11-20', '2027-11-20');
    expect(w).toEqual({ bornFrom: '1965-05-20', bornBefore: '1966-02-20' });
    expect(retirementDate('1965-05-19', 'M') < '2026-11-20').toBe(true);
    expect(retirementDate(w.bornFrom, 'M') >= '2026-11-20').toBe(true);
    expect(retirementDate('1966-02-19', 'M') < '2027-11-20').toBe(true);
  });
});

describe('salary steps', () => {
  it('clamps month arithmetic at the end of the month', () => {
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
  });

  it('gives 5% seniority after the last interval, then 1% a year', () => {
    expect(seniorityPercent('2018-01-01', 3, '2020-12-31')).toBe(0);
    expect(seniorityPercent('2018-01-01', 3, '2021-01-01')).toBe(5);
    expect(seniorityPercent('2018-01-01', 3, '2026-11-20')).toBe(10);
    expect(seniorityPercent('2020-06-01', 2, '2023-06-01')).toBe(6);
  });
});
