import { defineRoute, needs, SESSION } from '../../http/route.ts';
import { ErrorBody, responses } from '../../../api/common.ts';
import { CalendarDay, CalendarYear, DayParam, YearParam } from '../../../api/workflows.ts';
import { AppError } from '../../platform/errors.ts';
import * as svc from './calendar.service.ts';

const tags = ['calendar'];

export const calendarRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/calendar/:year',
    access: SESSION,
    schema: {
      summary: 'The working-day calendar of a year: holidays, swapped working days, working-day count',
      tags,
      params: YearParam,
      response: responses(CalendarYear),
    },
    handler: ({ ctx, params }) => svc.getYear(ctx, params.year),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/calendar/days/:day',
    access: needs('calendar.manage'),
    schema: {
      summary: 'Set a day as a holiday or a swapped working day (national administrators)',
      tags,
      params: DayParam,
      body: CalendarDay,
      response: { ...responses(CalendarDay), 403: ErrorBody },
    },
    handler: ({ ctx, params, body }) => {
      if (body.day !== params.day) throw svcMismatch();
      return svc.setDay(ctx, body);
    },
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/calendar/days/:day',
    access: needs('calendar.manage'),
    schema: {
      summary: 'Remove a holiday or swapped working day (the day returns to the default week)',
      tags,
      params: DayParam,
      response: { ...responses(CalendarDay), 403: ErrorBody },
    },
    handler: ({ ctx, params }) => svc.removeDay(ctx, params.day),
  }),
];

function svcMismatch() {
  return new AppError('VALIDATION_FAILED', 'Ngày trong đường dẫn và trong nội dung phải trùng nhau', [
    { field: 'body/day', reason: 'must equal the day in the path' },
  ]);
}
