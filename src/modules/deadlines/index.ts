export { listDeadlines, deadlineSummary, RULE_LABELS } from './deadlines.service.ts';
export { deadlineRoutes } from './deadlines.routes.ts';
