// Administration calls added with the restructuring and account pages (org restructuring
// operations; issuing, disabling and re-binding accounts; catalogs).
import type { NewRestructuring, Restructuring, RestructuringResult } from '../../../api/restructuring.ts';
import type { Account, ChangeRoles, Issued, RoleInput } from '../../../api/accounts.ts';
import { get, post } from './client.ts';

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
