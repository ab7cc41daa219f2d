export { listDeadlines, deadlineSummary, RULE_LABELS } from './deadlines.service.ts';
export { deadlineRoutes } from './deadlines.routes.ts';
export { sendDeadlineReminders, startDeadlineReminders } from './reminders.ts';
