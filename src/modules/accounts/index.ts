// Accounts and sign-in: issued top-down, argon2id passwords, progressive lock-out, TOTP, cookie sessions.
export {
  createNationalAdmin,
  issueAccount,
  issueSelfServiceAccount,
  getAccount,
  listAccounts,
} from './accounts.service.ts';
export {
  disableAccount,
  enableAccount,
  resetPassword,
  expireAccount,
  changeRoles,
} from './manage.service.ts';
export {
  login,
  changePassword,
  enrolMfa,
  confirmMfa,
  verifyMfa,
  signInState,
  logout,
  logoutAll,
  me,
} from './auth.service.ts';
export type { StepResult } from './auth.service.ts';
export type { SessionPolicy } from './sessions.service.ts';
export {
  hashPassword,
  verifyPassword,
  policyViolation,
  checkPasswordPolicy,
  oneTimePassword,
} from './password.ts';
export { lockMinutes, LOCK_AFTER, MAX_LOCK_MINUTES } from './lockout.ts';
export { sessionAuthenticator } from './session-authenticator.ts';
export { suspendForTransfer, reissueForTransfer } from './transfer.service.ts';
export type { Receiver } from './transfer.service.ts';
export { SESSION_COOKIE, CSRF_COOKIE } from './cookies.ts';
export { accountRoutes } from './accounts.routes.ts';
export { authRoutes } from './auth.routes.ts';
