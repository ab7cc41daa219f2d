export { ensureCalendar, getYear, setDay, removeDay, dueDate } from './calendar.service.ts';
export type { CalendarDay, CalendarYear } from './calendar.service.ts';
export { addWorkingDays, workingDaysBetween, isWorkingDay } from './calendar.repository.ts';
export { calendarRoutes } from './calendar.routes.ts';
