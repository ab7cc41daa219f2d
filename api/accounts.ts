// Accounts (issued top-down, never self-registered) and signing in: password, then TOTP.
import { Type, type Static, type TSchema } from 'typebox';
import { ROLES } from '../src/platform/context.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });

export const Username = Type.String({
  pattern: '^[a-z0-9._-]{3,64}$',
  description:
    'lower-case letters, digits, ".", "_", "-"; a person’s self-service account uses the ID number',
});
/** Long enough for any passphrase, short enough that hashing it cannot be used to exhaust the server. */
const Password = Type.String({ minLength: 1, maxLength: 256 });
const TotpCode = Type.String({ pattern: '^[0-9]{6}$' });

export const STAGES = ['password', 'mfa_enrol', 'mfa', 'active'] as const;
export type Stage = (typeof STAGES)[number];

export const RoleInput = Type.Object(
  { role: Type.Enum(ROLES), unitId: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);
export type RoleInput = Static<typeof RoleInput>;

export const RoleBinding = Type.Object({
  id: Type.Integer(),
  role: Type.Enum(ROLES),
  unitId: Type.Integer(),
  unitName: Type.String(),
  grantedAt: DateTime,
});
export type RoleBinding = Static<typeof RoleBinding>;

export const Account = Type.Object({
  id: Type.String({ format: 'uuid' }),
  username: Type.String(),
  displayName: Type.String(),
  employeeId: Nullable(Type.String({ format: 'uuid' })),
  homeUnitId: Type.Integer(),
  homeUnitName: Type.String(),
  status: Type.Enum(['active', 'disabled']),
  expiresAt: Nullable(DateTime),
  mustChangePassword: Type.Boolean(),
  mfaEnrolled: Type.Boolean(),
  lockedUntil: Nullable(DateTime),
  createdAt: DateTime,
  roles: Type.Array(RoleBinding),
});
export type Account = Static<typeof Account>;

export const IssueAccount = Type.Object(
  {
    username: Username,
    displayName: Type.String({ minLength: 2, maxLength: 200 }),
    roles: Type.Array(RoleInput, { maxItems: 50 }),
    employeeId: Type.Optional(Type.String({ format: 'uuid' })),
    homeUnitId: Type.Optional(
      Type.Integer({
        minimum: 1,
        description: 'default: the employee’s managing unit, else the unit of the first role',
      }),
    ),
  },
  { additionalProperties: false },
);
export type IssueAccount = Static<typeof IssueAccount>;

export const IssueSelfService = Type.Object(
  { employeeId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);

export const Issued = Type.Object({
  account: Account,
  oneTimePassword: Type.String({ description: 'shown once; must be changed at first sign-in' }),
});
export type Issued = Static<typeof Issued>;

export const PasswordReset = Type.Object({ oneTimePassword: Type.String() });

export const ExpireAccount = Type.Object({ expiresAt: Nullable(DateTime) }, { additionalProperties: false });

export const ChangeRoles = Type.Object(
  {
    grant: Type.Optional(Type.Array(RoleInput, { maxItems: 50 })),
    revoke: Type.Optional(
      Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 50, description: 'role binding ids' }),
    ),
  },
  { additionalProperties: false },
);
export type ChangeRoles = Static<typeof ChangeRoles>;

export const AccountListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'username or name contains' })),
    unitId: Type.Optional(Type.Integer({ minimum: 1, description: 'home unit in this subtree' })),
    status: Type.Optional(Type.Enum(['active', 'disabled'])),
    after: Type.Optional(
      Type.String({ maxLength: 64, description: 'the last username of the previous page' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type AccountListQuery = Static<typeof AccountListQuery>;

export const AccountPage = Type.Object({
  items: Type.Array(Account),
  nextAfter: Nullable(Type.String()),
});
export type AccountPage = Static<typeof AccountPage>;

// Signing in.

export const Login = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 64 }), password: Password },
  { additionalProperties: false },
);

export const ChangePassword = Type.Object(
  { currentPassword: Password, newPassword: Password },
  { additionalProperties: false },
);

export const TotpBody = Type.Object({ code: TotpCode }, { additionalProperties: false });

export const SessionAccount = Type.Object({
  id: Type.String({ format: 'uuid' }),
  username: Type.String(),
  displayName: Type.String(),
  employeeId: Nullable(Type.String({ format: 'uuid' })),
  mustChangePassword: Type.Boolean(),
  mfaEnrolled: Type.Boolean(),
});
export type SessionAccount = Static<typeof SessionAccount>;

export const SignInState = Type.Object({
  stage: Type.Enum(STAGES),
  csrfToken: Type.String(),
  account: SessionAccount,
});
export type SignInState = Static<typeof SignInState>;

export const MfaEnrolment = Type.Object({
  secret: Type.String({ description: 'base32, for manual entry' }),
  otpauthUri: Type.String({ description: 'otpauth://totp/… for a QR code' }),
});
export type MfaEnrolment = Static<typeof MfaEnrolment>;

// What a signed-in person sees of their own account: a subset of the admin view, so the two never drift.
export const Me = Type.Pick(Account, [
  'id',
  'username',
  'displayName',
  'employeeId',
  'homeUnitId',
  'homeUnitName',
  'mfaEnrolled',
  'expiresAt',
  'roles',
]);
export type Me = Static<typeof Me>;

export const Ok = Type.Object({ ok: Type.Boolean() });
