/* global document, window, fetch */
// Signed in already (the CSRF cookie is there)? Ask for the session and the account now, while the
// scripts download; api/client.ts takes these answers instead of asking again. A file of its own, not an
// inline script: the Content-Security-Policy (src/http/security.ts) runs only the site's own files.
if (document.cookie.indexOf('hoso_csrf=') >= 0) {
  window.__hosoBoot = {};
  ['/api/v1/auth/session', '/api/v1/me'].forEach(function (u) {
    window.__hosoBoot[u] = fetch(u, {
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
    });
  });
}
