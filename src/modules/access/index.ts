export {
  ROLE_PERMISSIONS,
  ROLE_RANK,
  ROLE_LABELS,
  SENSITIVE_GROUPS,
  SENSITIVE_IDENTITY_FIELDS,
  holds,
  isSystem,
  pathWithin,
  roleFor,
  scopeRoots,
} from './access.policy.ts';
export type { Permission } from './access.policy.ts';
export { inScope } from './scope.ts';
export type { Scope } from './scope.ts';
