// Request/response schemas of the node routes (validated at the edge like every route).
import { Type } from 'typebox';
import { DateStr } from '../../../api/common.ts';

const Str = (max = 500) => Type.String({ maxLength: max });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const NodeCode = Type.String({ pattern: '^[A-Za-z0-9_.-]{1,40}$' });
const Uuid = Type.String({ format: 'uuid' });

export const RegisterNode = Type.Object(
  {
    code: NodeCode,
    scopeCode: Type.String({ minLength: 1, maxLength: 60 }),
    publicKey: Type.String({ minLength: 40, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export const RegisteredNode = Type.Object({
  code: Type.String(),
  scopeCode: Type.String(),
  publicKey: Type.String(),
  handedOver: Type.Integer({ description: 'records held here under its scope, now owned by the node' }),
});

const PortableRowSchema = Type.Object(
  {
    seq: Type.Integer({ minimum: 1 }),
    type: Str(40),
    effectiveDate: DateStr,
    decision: Type.Object(
      {
        number: Nullable(Str()),
        date: Nullable(DateStr),
        signerName: Nullable(Str()),
        signerTitle: Nullable(Str()),
        issuingBody: Nullable(Str()),
      },
      { additionalProperties: false },
    ),
    legalBasis: Nullable(Str(2000)),
    payload: Type.Record(Type.String(), Type.Unknown()),
    targetSeq: Nullable(Type.Integer({ minimum: 1 })),
    note: Nullable(Str(4000)),
    recordedAt: Type.String({ format: 'date-time' }),
    recordedBy: Str(200),
    requestId: Nullable(Str(200)),
  },
  { additionalProperties: false },
);
const RecordRowsSchema = Type.Object(
  { employeeId: Uuid, rows: Type.Array(PortableRowSchema, { maxItems: 5000 }) },
  { additionalProperties: false },
);
const Signature = Type.String({ minLength: 10, maxLength: 200 });
const EnvelopeBase = { node: NodeCode, at: Type.String({ format: 'date-time' }) };

export const BatchEnvelope = Type.Object(
  { ...EnvelopeBase, records: Type.Array(RecordRowsSchema, { maxItems: 500 }) },
  { additionalProperties: false },
);
/** A signed envelope: its canonical JSON text and the Ed25519 signature over those bytes. */
export const SignedBody = Type.Object(
  { envelope: Type.String({ minLength: 2, maxLength: 32 * 1024 * 1024 }), signature: Signature },
  { additionalProperties: false },
);
export const BatchResult = Type.Object({
  results: Type.Array(
    Type.Object({
      employeeId: Type.String(),
      status: Type.Union([Type.Literal('applied'), Type.Literal('held'), Type.Literal('refused')]),
      have: Type.Integer(),
      code: Type.Optional(Type.String()),
      reason: Type.Optional(Type.String()),
    }),
  ),
});

export const ChangesEnvelope = Type.Object(
  {
    ...EnvelopeBase,
    unitsSince: Nullable(Type.String({ format: 'date-time' })),
    acks: Type.Array(Type.Object({ employeeId: Uuid, seq: Type.Integer({ minimum: 0 }) }), {
      maxItems: 1000,
    }),
    routedResults: Type.Optional(
      Type.Array(
        Type.Object(
          {
            id: Uuid,
            status: Type.Union([Type.Literal('applied'), Type.Literal('refused')]),
            seq: Nullable(Type.Integer({ minimum: 1 })),
            code: Nullable(Str(100)),
            reason: Nullable(Str(2000)),
          },
          { additionalProperties: false },
        ),
        { maxItems: 1000 },
      ),
    ),
    catalogsVersion: Type.Optional(Nullable(Type.String({ maxLength: 128 }))),
    // The first load of the tree, in pages (absent from nodes of an older version: then in one answer).
    structureCursor: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
    structurePageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000 })),
  },
  { additionalProperties: false },
);
const Ref = Nullable(Type.Object({ code: Type.String(), from: Type.String() }));
export const ChangesResult = Type.Object({
  units: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      kind: Type.String(),
      provinceCode: Nullable(Type.String()),
      validFrom: Type.String(),
      validTo: Nullable(Type.String()),
      parent: Ref,
      successor: Ref,
    }),
  ),
  history: Type.Array(
    Type.Object({
      unit: Type.Object({ code: Type.String(), from: Type.String() }),
      change: Type.String(),
      validFrom: Type.String(),
      name: Type.String(),
      parent: Ref,
      decision: Type.Unknown(),
      recordedAt: Type.String(),
      recordedBy: Type.String(),
    }),
  ),
  jobPositions: Type.Array(
    Type.Object({
      unit: Type.Object({ code: Type.String(), from: Type.String() }),
      code: Type.String(),
      name: Type.String(),
      kind: Type.String(),
      requiredRankCode: Nullable(Type.String()),
      plannedCount: Type.Integer(),
      validFrom: Type.String(),
      validTo: Nullable(Type.String()),
      createdAt: Type.String(),
    }),
  ),
  quotas: Type.Array(
    Type.Object({
      unit: Type.Object({ code: Type.String(), from: Type.String() }),
      year: Type.Integer(),
      civilServants: Type.Integer(),
      publicEmployees: Type.Integer(),
      contractWorkers: Type.Integer(),
      decisionNo: Type.String(),
      decisionDate: Type.String(),
      updatedAt: Type.String(),
    }),
  ),
  unitsHighWater: Nullable(Type.String()),
  /** While a node's first load of the tree goes on: where its next page starts (null: the tree is whole). */
  structureCursor: Type.Optional(Nullable(Type.String())),
  records: Type.Array(RecordRowsSchema),
  routed: Type.Array(
    Type.Object({
      id: Type.String(),
      employeeId: Type.String(),
      action: Type.Record(Type.String(), Type.Unknown()),
      requestedBy: Type.String(),
      requestedByName: Type.String(),
      requestedAt: Type.String(),
    }),
  ),
  catalogs: Type.Optional(
    Type.Object({
      version: Type.String(),
      catalogs: Type.Record(Type.String(), Type.Array(Type.Record(Type.String(), Type.Unknown()))),
    }),
  ),
  more: Type.Boolean(),
});

export const RoutedQuery = Type.Object(
  {
    employeeId: Type.Optional(Uuid),
    status: Type.Optional(
      Type.Union([Type.Literal('pending'), Type.Literal('applied'), Type.Literal('refused')]),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false },
);

const T = Nullable(Type.String());
export const NodeStatus = Type.Union([
  Type.Object({
    role: Type.Literal('local'),
    code: Type.String(),
    scope: Type.String(),
    nationalUrl: Type.String(),
    lastAttemptAt: T,
    lastSuccessAt: T,
    lastError: T,
    pendingRecords: Type.Integer(),
    pendingRows: Type.Integer(),
    lagSeconds: Type.Integer(),
    refused: Type.Array(
      Type.Object({ employeeId: Type.String(), code: Type.String(), have: Type.Integer() }),
    ),
  }),
  Type.Object({
    role: Type.Literal('national'),
    nodes: Type.Array(
      Type.Object({
        code: Type.String(),
        scopeCode: Type.String(),
        lastExchangeAt: T,
        workingDaysSinceExchange: Type.Integer(),
        late: Type.Boolean(),
        undeliveredRecords: Type.Integer(),
        pendingRoutedActions: Type.Integer(),
      }),
    ),
  }),
]);

export const DigestQuery = Type.Object(
  { after: Type.Optional(Uuid), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000 })) },
  { additionalProperties: false },
);
export const Digests = Type.Array(
  Type.Object({
    employeeId: Type.String(),
    seq: Type.Integer(),
    managingUnit: Type.String(),
    digest: Type.String(),
  }),
);
