// Data sharing with other information systems: API clients (managed by national administrators), the
// OAuth 2 token endpoint (client credentials) and the sharing endpoints the clients call.
import { Type, type Static } from 'typebox';

export const SHARING_SCOPES = ['employees.read', 'employees.search', 'org.read', 'catalogs.read'] as const;
export const AUTH_METHODS = ['client_secret', 'private_key_jwt'] as const;

const text = (max: number) => Type.String({ minLength: 1, maxLength: max });
/** A public JWK: EC P-256 (ES256) or OKP Ed25519 (EdDSA); a private part ("d") is refused. */
const PublicJwk = Type.Object(
  {
    kty: Type.Enum(['EC', 'OKP']),
    crv: Type.Enum(['P-256', 'Ed25519']),
    x: text(200),
    y: Type.Optional(text(200)),
    kid: Type.Optional(text(200)),
    alg: Type.Optional(Type.Enum(['ES256', 'EdDSA'])),
    use: Type.Optional(Type.Enum(['sig'])),
  },
  { additionalProperties: false },
);

const grants = {
  scopes: Type.Array(Type.Enum(SHARING_SCOPES), { minItems: 1, maxItems: 10, uniqueItems: true }),
  fields: Type.Array(text(60), {
    minItems: 1,
    maxItems: 100,
    uniqueItems: true,
    description: 'dotted paths into the e-record, e.g. fullName, identity.birthPlace, groups.education',
  }),
  purposes: Type.Array(text(60), { minItems: 1, maxItems: 20, uniqueItems: true }),
  orgUnitIds: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 100, uniqueItems: true }),
  ratePerMinute: Type.Integer({ minimum: 1, maximum: 6000 }),
};

export const NewApiClient = Type.Object(
  {
    name: text(200),
    ownerBody: text(300),
    contact: text(300),
    authMethod: Type.Enum(AUTH_METHODS),
    publicJwk: Type.Optional(PublicJwk),
    ...grants,
  },
  { additionalProperties: false },
);
export type NewApiClient = Static<typeof NewApiClient>;

export const ApiClientUpdate = Type.Object(
  {
    name: Type.Optional(text(200)),
    ownerBody: Type.Optional(text(300)),
    contact: Type.Optional(text(300)),
    publicJwk: Type.Optional(PublicJwk),
    scopes: Type.Optional(grants.scopes),
    fields: Type.Optional(grants.fields),
    purposes: Type.Optional(grants.purposes),
    orgUnitIds: Type.Optional(grants.orgUnitIds),
    ratePerMinute: Type.Optional(grants.ratePerMinute),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type ApiClientUpdate = Static<typeof ApiClientUpdate>;

export const SuspendApiClient = Type.Object({ reason: text(500) }, { additionalProperties: false });

export const ApiClient = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  ownerBody: Type.String(),
  contact: Type.String(),
  status: Type.Enum(['active', 'suspended']),
  authMethod: Type.Enum(AUTH_METHODS),
  publicJwk: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  scopes: Type.Array(Type.String()),
  fields: Type.Array(Type.String()),
  purposes: Type.Array(Type.String()),
  orgUnitIds: Type.Array(Type.Integer()),
  ratePerMinute: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  secretRotatedAt: Type.Union([Type.String(), Type.Null()]),
  suspendedAt: Type.Union([Type.String(), Type.Null()]),
});
export type ApiClient = Static<typeof ApiClient>;

/** The client secret is shown here once (creation, rotation) and never stored in the clear. */
export const ApiClientWithSecret = Type.Object({
  client: ApiClient,
  clientSecret: Type.Union([Type.String(), Type.Null()]),
});
export type ApiClientWithSecret = Static<typeof ApiClientWithSecret>;

export const SharingCatalog = Type.Object({
  scopes: Type.Array(Type.Object({ code: Type.String(), label: Type.String() })),
  purposes: Type.Array(Type.Object({ code: Type.String(), label: Type.String(), labelEn: Type.String() })),
  fields: Type.Array(Type.Object({ path: Type.String(), label: Type.String(), sensitive: Type.Boolean() })),
});

/** RFC 6749 §4.4.2 / §2.3: form-encoded or JSON; unknown parameters are ignored. */
export const TokenRequest = Type.Object(
  {
    grant_type: Type.String({ maxLength: 100 }),
    scope: Type.Optional(Type.String({ maxLength: 500 })),
    client_id: Type.Optional(Type.String({ maxLength: 100 })),
    client_secret: Type.Optional(Type.String({ maxLength: 200 })),
    client_assertion_type: Type.Optional(Type.String({ maxLength: 200 })),
    client_assertion: Type.Optional(Type.String({ maxLength: 8000 })),
  },
  { additionalProperties: true },
);
export type TokenRequest = Static<typeof TokenRequest>;

export const TokenResponse = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer(),
  scope: Type.String(),
});
export type TokenResponse = Static<typeof TokenResponse>;

/** RFC 6749 §5.2 error body (the token endpoint's only error shape for protocol errors). */
export const OAuthErrorBody = Type.Object({
  error: Type.Enum([
    'invalid_request',
    'invalid_client',
    'invalid_grant',
    'unauthorized_client',
    'unsupported_grant_type',
    'invalid_scope',
  ]),
  error_description: Type.String(),
});

export const Jwks = Type.Object({ keys: Type.Array(Type.Record(Type.String(), Type.Unknown())) });

const purposeQuery = {
  purpose: Type.Optional(
    Type.String({ maxLength: 60, description: 'purpose code (or the X-Purpose header)' }),
  ),
};

export const ShareSearchQuery = Type.Object(
  {
    ...purposeQuery,
    q: Type.Optional(Type.String({ maxLength: 100, description: 'name words, or an ID number prefix' })),
    unitId: Type.Optional(Type.Integer({ minimum: 1, description: 'working-unit subtree' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type ShareSearchQuery = Static<typeof ShareSearchQuery>;

export const SharePurposeQuery = Type.Object(purposeQuery, { additionalProperties: false });

export const ShareOrgQuery = Type.Object(
  {
    ...purposeQuery,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 500 })),
    cursor: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

export const CatalogParam = Type.Object({ name: Type.String({ pattern: '^[a-z-]{1,40}$' }) });

export const SharedCatalog = Type.Object({
  name: Type.String(),
  items: Type.Array(
    Type.Object({ code: Type.String(), name: Type.String() }, { additionalProperties: true }),
  ),
});

export const PersonIdParam = Type.Object({ idNumber: Type.String({ pattern: '^[0-9]{12}$' }) });

/** A shared record: the personal ID number and the client's granted fields (nested as in the e-record). */
export const SharedRecord = Type.Object(
  { personId: Type.String() },
  { additionalProperties: true, description: 'personId plus the granted fields' },
);

export const SharedRecordPage = Type.Object({
  items: Type.Array(SharedRecord),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const SharedOrgUnit = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  parentId: Type.Union([Type.Integer(), Type.Null()]),
});

export const SharedOrgPage = Type.Object({
  items: Type.Array(SharedOrgUnit),
  nextCursor: Type.Union([Type.Integer(), Type.Null()]),
});
