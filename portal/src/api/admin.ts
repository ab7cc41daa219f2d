// Administration calls added with the restructuring and account pages (org restructuring
// operations; issuing, disabling and re-binding accounts; catalogs).
import type { NewRestructuring, Restructuring, RestructuringResult } from '../../../api/restructuring.ts';
import { get, post } from './client.ts';

const V1 = '/api/v1';

export type { NewRestructuring, Restructuring, RestructuringResult };

export const restructurings = {
  list: () => get<Restructuring[]>(`${V1}/org-restructurings`, { limit: 200 }),
  create: (body: NewRestructuring) => post<Restructuring>(`${V1}/org-restructurings`, body),
};
