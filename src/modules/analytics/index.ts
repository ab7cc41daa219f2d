export { analyticsRoutes } from './analytics.routes.ts';
export { refreshAnalytics } from './refresh.ts';
export { headcount, people, PUBLICATION_MIN } from './headcount.service.ts';
export { quotaReport, movements, forecast, dashboard } from './workforce.service.ts';
export { qualityReport, qualityFixList } from './quality.service.ts';
export { standardReport } from './report.service.ts';
export { retirementDate, retirementAgeMonths } from './rules.ts';
export { cutSpans } from './spans.ts';
