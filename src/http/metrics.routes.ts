// GET /metrics: Prometheus's text format, for a scraper on the host itself or one holding METRICS_TOKEN.
// The route is public in the access rules (a scraper has no account); who may read is the metrics'
// own rule (src/http/metrics.ts), checked before anything is collected.
import { Type } from 'typebox';
import { ErrorBody } from '../../api/common.ts';
import { AppError } from '../platform/errors.ts';
import { defineRoute, PUBLIC } from './route.ts';
import type { Metrics } from './metrics.ts';

/** Where buildApp puts the app's Metrics (Fastify's own dependency container; no module singleton). */
export const METRICS_DECORATOR = 'metrics';

export const metricsRoutes = [
  defineRoute({
    method: 'GET',
    url: '/metrics',
    access: PUBLIC,
    schema: {
      summary:
        'Metrics in the Prometheus text format: from the host itself (loopback), or with Authorization: Bearer METRICS_TOKEN',
      tags: ['system'],
      response: {
        200: Type.String({ description: 'Prometheus text exposition format 0.0.4' }),
        403: ErrorBody,
      },
    },
    handler: async ({ reply }) => {
      const metrics = reply.server.getDecorator<Metrics>(METRICS_DECORATOR);
      if (!metrics.mayScrape(reply.request)) {
        throw new AppError('FORBIDDEN', 'Chỉ đọc được số đo từ chính máy chủ hoặc với mã METRICS_TOKEN', [
          { field: 'headers/authorization', reason: 'needs a loopback caller or Bearer METRICS_TOKEN' },
        ]);
      }
      reply.type(metrics.contentType).header('cache-control', 'no-store');
      return metrics.render();
    },
  }),
];
