export { notifyAccounts, notifyPerson, notifyStaff, inbox, markRead } from './notifications.service.ts';
export type { NewNotification } from './notifications.service.ts';
export { notificationRoutes } from './notifications.routes.ts';
