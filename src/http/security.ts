// Security headers on every response (issue 16): @fastify/helmet with a Content-Security-Policy the
// portal passes without any inline script, clickjacking refused twice over (frame-ancestors and
// X-Frame-Options), no MIME sniffing, a referrer policy that keeps record URLs on the site, and HSTS only
// where the node is served over HTTPS (COOKIE_SECURE=1): over plain HTTP it would be ignored at best
// and, once a proxy adds TLS, pin browsers to a set-up nobody chose.
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

export interface SecurityOptions {
  /** Served over HTTPS (config.cookieSecure): adds HSTS and upgrade-insecure-requests. */
  https: boolean;
}

/** One year, the usual HSTS lifetime (and the minimum for browsers' preload lists). */
const HSTS_MAX_AGE_SECONDS = 365 * 24 * 3600;

/**
 * The policy of every page, the portal's and Swagger UI's alike (both load only their own files):
 * - scripts only from the site's own files: no inline script, no eval, no event-handler attributes;
 * - styles from the site and inline: antd and Swagger UI put styles in <style> elements and attributes
 *   at run time (inline style cannot run code; inline script is what CSP is for);
 * - images and fonts also as data: URLs (antd's icons and empty states, Swagger UI's stylesheet);
 * - fetches to the site only; no plugins, no <base> elsewhere, forms post only here; never framed.
 */
export function contentSecurityPolicy(https: boolean): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    ...(https ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

export async function registerSecurityHeaders(app: FastifyInstance, opts: SecurityOptions): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(opts.https) },
    strictTransportSecurity: opts.https ? { maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: true } : false,
    xFrameOptions: { action: 'deny' },
    // Same-site requests keep their referrer (nothing needs it, but POSTs keep their Origin header);
    // other sites learn only the origin, never a record's URL.
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
}
