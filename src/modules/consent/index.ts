export {
  requestConsent,
  myConsentAsks,
  myConsentRequests,
  answerConsent,
  readUnderConsent,
  MAX_CONSENT_DAYS,
} from './consent.service.ts';
export { consentRoutes } from './consent.routes.ts';
