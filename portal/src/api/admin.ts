// Administration calls added with the restructuring and account pages (org restructuring
// operations; issuing, disabling and re-binding accounts; catalogs), and with the forms that
// register and change API clients and register federation nodes.
import type { NewRestructuring, Restructuring, RestructuringResult } from '../../../api/restructuring.ts';
import type { Account, ChangeRoles, Issued, RoleInput } from '../../../api/accounts.ts';
import type { ApiClient, ApiClientUpdate, ApiClientWithSecret, NewApiClient } from '../../../api/sharing.ts';
import type { EmployeeSummary } from '../../../api/employees.ts';
import { get, post, request } from './client.ts';

const V1 = '/api/v1';

export type { NewRestructuring, Restructuring, RestructuringResult };

export const restructurings = {
  list: () => get<Restructuring[]>(`${V1}/org-restructurings`, { limit: 200 }),
  create: (body: NewRestructuring) => post<Restructuring>(`${V1}/org-restructurings`, body),
};

export type { Account, Issued, RoleInput };

export const accounts = {
  issue: (body: { username: string; displayName: string; roles: RoleInput[] }) =>
    post<Issued>(`${V1}/accounts`, body),
  disable: (id: string) => post<Account>(`${V1}/accounts/${id}/disable`),
  enable: (id: string) => post<Account>(`${V1}/accounts/${id}/enable`),
  resetPassword: (id: string) => post<{ oneTimePassword: string }>(`${V1}/accounts/${id}/reset-password`),
  roles: (id: string, body: ChangeRoles) => post<Account>(`${V1}/accounts/${id}/roles`, body),
};

export interface CatalogItem {
  code: string;
  name: string;
  [k: string]: unknown;
}
export const catalogs = {
  list: () => get<{ name: string; count: number }[]>(`${V1}/catalogs`),
  get: (name: string) => get<{ name: string; items: CatalogItem[] }>(`${V1}/catalogs/${name}`),
};

/** GET /api-clients/catalog: what a client may be granted (scopes, purposes, field paths). */
export interface SharingCatalog {
  scopes: { code: string; label: string }[];
  purposes: { code: string; label: string; labelEn: string }[];
  fields: { path: string; label: string; sensitive: boolean }[];
}
export type { ApiClientUpdate, NewApiClient };

export const clientAdmin = {
  catalog: () => get<SharingCatalog>(`${V1}/api-clients/catalog`),
  create: (body: NewApiClient) => post<ApiClientWithSecret>(`${V1}/api-clients`, body),
  update: (id: string, body: ApiClientUpdate) =>
    request<ApiClient>('PATCH', `${V1}/api-clients/${id}`, { body }),
};

export const nodeAdmin = {
  register: (body: { code: string; scopeCode: string; publicKey: string }) =>
    post<{ code: string; scopeCode: string; publicKey: string }>(`${V1}/nodes`, body),
};

/** The people a split re-homes: active or on leave, working in the unit itself or managed by it. */
export async function peopleOfUnit(unitId: number, max = 10_000): Promise<EmployeeSummary[]> {
  // The server re-homes everyone working in the unit or managed by it (wherever they work): the people
  // working in its subtree, and those it manages, which may work elsewhere (on secondment, say).
  const all = async (query: Record<string, number>) => {
    const out: EmployeeSummary[] = [];
    let cursor: string | undefined;
    do {
      const page = await get<{ items: EmployeeSummary[]; nextCursor: string | null }>(`${V1}/employees`, {
        ...query,
        cursor,
        limit: 200,
      });
      out.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && out.length < max);
    return out;
  };
  const [working, managed] = await Promise.all([all({ unitId }), all({ managedBy: unitId })]);
  const byId = new Map<string, EmployeeSummary>();
  for (const p of [...working, ...managed]) {
    if (p.workingUnitId !== unitId && p.managingUnitId !== unitId) continue;
    if (p.status === 'active' || p.status === 'on_leave') byId.set(p.id, p);
  }
  return [...byId.values()];
}
