// buildApp(): the Fastify instance with every route of ROUTES, OpenAPI, uniform errors and request ids.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Logger } from '../platform/logger.ts';
import type { Clock } from '../platform/clock.ts';
import { AppError } from '../platform/errors.ts';
import { ANONYMOUS, type Actor, type Ctx } from '../platform/context.ts';
import { admit, noAuthenticator, type Authenticator } from './auth.ts';
import { sendError } from './errors.ts';
import { ROUTES } from './routes.ts';
import { bearerAuthenticator, hasBearer } from '../modules/sharing/index.ts';
import { registerSecurityHeaders } from './security.ts';
import { createMetrics, type MetricsOptions } from './metrics.ts';
import { METRICS_DECORATOR } from './metrics.routes.ts';
import type { HttpConfig } from '../platform/config.ts';

export interface AppDeps {
  db: Kysely<DB>;
  clock: Clock;
  /** Identifies the caller (the session cookie in production); without one nobody is signed in. */
  authenticate?: Authenticator;
  logger?: Logger | false;
  bodyLimitBytes?: number;
  /** Served over HTTPS (COOKIE_SECURE=1): security headers add HSTS. */
  https?: boolean;
  /** Server timeouts (config.http); Fastify's defaults when absent (tests through inject). */
  timeouts?: HttpConfig;
  /** What /metrics reports besides request durations, and who may read it from elsewhere. */
  metrics?: MetricsOptions;
}

function contextOf(deps: AppDeps, req: { id: string; ip: string }, actor: Actor | undefined, now: Date): Ctx {
  return {
    db: deps.db,
    actor: actor ?? ANONYMOUS,
    now,
    requestId: req.id,
    ip: req.ip,
  };
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: (deps.logger || undefined) as FastifyBaseLogger | undefined,
    logger: deps.logger ? undefined : false,
    bodyLimit: deps.bodyLimitBytes ?? 1024 * 1024,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: true } },
    routerOptions: { ignoreTrailingSlash: true },
    ...(deps.timeouts
      ? {
          requestTimeout: deps.timeouts.requestTimeoutMs,
          keepAliveTimeout: deps.timeouts.keepAliveTimeoutMs,
          connectionTimeout: deps.timeouts.connectionTimeoutMs,
        }
      : {}),
  });
  // Fastify takes no headers timeout; Node's server does.
  if (deps.timeouts) app.server.headersTimeout = deps.timeouts.headersTimeoutMs;
  const metrics = createMetrics(deps.metrics);
  app.decorate(METRICS_DECORATOR, metrics);
  app.addHook('onResponse', async (req, reply) => {
    metrics.observeRequest(req.method, req.routeOptions.url, reply.statusCode, reply.elapsedTime / 1000);
  });

  // JSON only: a text/plain body is refused with 415 rather than parsed as a string.
  app.removeContentTypeParser('text/plain');
  // Form bodies only where a route asks for them (the OAuth token endpoint); elsewhere 415.
  const formUrls = new Set(ROUTES.filter((r) => r.acceptsForm).map((r) => r.url));
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (req, body, done) => {
    if (!formUrls.has(req.routeOptions.url ?? '')) {
      done(new AppError('UNSUPPORTED_MEDIA_TYPE', 'Kiểu nội dung không được hỗ trợ'));
      return;
    }
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  app.setErrorHandler((err, req, reply) => sendError(err, req, reply));
  app.setNotFoundHandler((req, reply) =>
    sendError(new AppError('ROUTE_NOT_FOUND', `Không có đường dẫn ${req.method} ${req.url}`), req, reply),
  );

  await registerSecurityHeaders(app, { https: deps.https ?? false });
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'hoso — CSDL quốc gia về cán bộ, công chức, viên chức',
        version: '1',
        description: 'API of the national database of cadres, civil servants and public employees.',
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // Who is calling is settled before the body is validated, so an anonymous caller learns nothing
  // about a route beyond "sign in" (401), whatever it sent.
  const admitted = new WeakMap<object, { actor: Actor | undefined; now: Date }>();
  for (const r of ROUTES) {
    app.route({
      method: r.method,
      url: r.url,
      schema: r.schema,
      ...(r.bodyLimit ? { bodyLimit: r.bodyLimit } : {}),
      onRequest: async (req) => {
        const now = deps.clock.now();
        // A bearer token is an API client's (the sharing API); it is never mixed with a session cookie.
        const env = { db: deps.db, now };
        const auth = hasBearer(req)
          ? await bearerAuthenticator(req, env)
          : await (deps.authenticate ?? noAuthenticator)(req, env);
        admitted.set(req, { actor: admit(r.access, auth, req), now });
      },
      handler: async (req, reply) => {
        const { actor, now } = admitted.get(req) ?? { actor: undefined, now: deps.clock.now() };
        return r.handler({
          ctx: contextOf(deps, req, actor, now),
          params: req.params,
          query: req.query,
          body: req.body,
          reply,
        });
      },
    });
  }
  return app;
}
