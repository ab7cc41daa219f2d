// Pure rules of the forecasts: the retirement-age roadmap of the Labour Code 2019 (Art. 169) and
// Decree 135/2020/NĐ-CP, and the salary-step calendar of the salary scales.

/** Adds months to a YYYY-MM-DD date, clamping to the month's last day (31/01 + 1 month = 28/02). */
export function addMonths(day: string, months: number): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7)) - 1 + months;
  const d = Number(day.slice(8, 10));
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(year, 4)}-${pad(month + 1)}-${pad(Math.min(d, last))}`;
}

/**
 * The retirement age (in months) that applies in a calendar year: men 60 years 3 months in 2021
 * plus 3 months a year until 62 (2028); women 55 years 4 months in 2021 plus 4 months a year until 60
 * (2035). Before 2021: 60 and 55.
 */
export function retirementAgeMonths(sex: 'M' | 'F', year: number): number {
  if (sex === 'M') return year < 2021 ? 720 : Math.min(723 + 3 * (year - 2021), 744);
  return year < 2021 ? 660 : Math.min(664 + 4 * (year - 2021), 720);
}

/**
 * The day a person reaches the retirement age under the roadmap: the age of the year in which it is
 * reached (born 10/1961, a man reaches 60y3m in 01/2022, but in 2022 the age is 60y6m: 04/2022).
 */
export function retirementDate(birthDate: string, sex: 'M' | 'F'): string {
  const birthYear = Number(birthDate.slice(0, 4));
  for (let year = birthYear + 50; year < birthYear + 70; year++) {
    const at = addMonths(birthDate, retirementAgeMonths(sex, year));
    if (Number(at.slice(0, 4)) <= year) return at;
  }
  return addMonths(birthDate, retirementAgeMonths(sex, birthYear + 70));
}

/**
 * Birth dates of the people who reach retirement age in [from, to): the retirement day grows with
 * the birth day, so the window is one range of birth dates, found by bisection over days.
 */
export function birthWindow(
  sex: 'M' | 'F',
  from: string,
  to: string,
): { bornFrom: string; bornBefore: string } {
  const firstBornOnOrAfter = (target: string): string => {
    let lo = Date.parse(`${addMonths(target, -12 * 63)}T00:00:00Z`);
    let hi = Date.parse(`${addMonths(target, -12 * 54)}T00:00:00Z`);
    while (hi - lo > 86_400_000) {
      const mid = lo + Math.floor((hi - lo) / 172_800_000) * 86_400_000;
      if (retirementDate(new Date(mid).toISOString().slice(0, 10), sex) >= target) hi = mid;
      else lo = mid;
    }
    return new Date(hi).toISOString().slice(0, 10);
  };
  return { bornFrom: firstBornOnOrAfter(from), bornBefore: firstBornOnOrAfter(to) };
}

/** When the next salary step (or, past the last step, the seniority allowance) falls due. */
export function nextStepDue(stepSince: string, yearsBetweenSteps: number): string {
  return addMonths(stepSince, 12 * yearsBetweenSteps);
}

/**
 * Seniority allowance beyond the last step (vượt khung): 5% once the interval after the last step
 * has passed, then 1% more for each further year (group A: after 3 years, B/C: after 2).
 */
export function seniorityPercent(lastStepSince: string, yearsBetweenSteps: number, on: string): number {
  const first = addMonths(lastStepSince, 12 * yearsBetweenSteps);
  if (first > on) return 0;
  let pct = 5;
  while (addMonths(first, 12 * (pct - 4)) <= on) pct++;
  return pct;
}
