// Data sharing with other information systems (issue 9, part 1): API clients, OAuth 2 client
// credentials with jose-signed access tokens, and the purpose-bound, field-limited sharing endpoints.
export {
  createClient,
  listClients,
  getClient,
  updateClient,
  setClientStatus,
  rotateSecret,
  sharingCatalog,
} from './clients.service.ts';
export { issueToken, OAuthError, MAX_ASSERTION_SECONDS } from './token.service.ts';
export { readShared, searchShared, listSharedUnits, readSharedCatalog } from './share.service.ts';
export { configureTokenKeys, jwks, tokenIssuer, assertionAudiences, TOKEN_TTL_SECONDS } from './keys.ts';
export { bearerAuthenticator, hasBearer } from './bearer.ts';
export { PURPOSES, SCOPES, FIELDS } from './catalog.ts';
export { clientRoutes } from './clients.routes.ts';
export { shareRoutes } from './share.routes.ts';
