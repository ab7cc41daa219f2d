import { defineRoute, needs } from '../../http/route.ts';
import { ErrorBody, UuidParam, responses } from '../../../api/common.ts';
import {
  Account,
  AccountListQuery,
  AccountPage,
  ChangeRoles,
  ExpireAccount,
  IssueAccount,
  IssueSelfService,
  Issued,
  PasswordReset,
} from '../../../api/accounts.ts';
import * as svc from './accounts.service.ts';
import * as manage from './manage.service.ts';

const tags = ['accounts'];
/** Every route here, and every route that creates an account, needs account.manage: no self-registration. */
const MANAGE = needs('account.manage');
const withForbidden = (ok: Parameters<typeof responses>[0], status = 200) => ({
  ...responses(ok, status),
  403: ErrorBody,
});

export const accountRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts',
    access: MANAGE,
    schema: {
      summary: 'Accounts whose home unit lies in the caller’s subtree',
      tags,
      querystring: AccountListQuery,
      response: withForbidden(AccountPage),
    },
    handler: ({ ctx, query }) => svc.listAccounts(ctx, query),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts',
    access: MANAGE,
    schema: {
      summary: 'Issue an account with roles; returns its one-time password, once',
      tags,
      body: IssueAccount,
      response: withForbidden(Issued, 201),
    },
    handler: async ({ ctx, body, reply }) => {
      reply.status(201).header('cache-control', 'no-store');
      return svc.issueAccount(ctx, body);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/self-service',
    access: MANAGE,
    schema: {
      summary: 'Issue a person’s own account (username: their ID number); returns the one-time password',
      tags,
      body: IssueSelfService,
      response: withForbidden(Issued, 201),
    },
    handler: async ({ ctx, body, reply }) => {
      reply.status(201).header('cache-control', 'no-store');
      return svc.issueSelfServiceAccount(ctx, body.employeeId);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:id',
    access: MANAGE,
    schema: { summary: 'One account', tags, params: UuidParam, response: withForbidden(Account) },
    handler: ({ ctx, params }) => svc.getAccount(ctx, params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:id/disable',
    access: MANAGE,
    schema: {
      summary: 'Disable an account and end its sessions',
      tags,
      params: UuidParam,
      response: withForbidden(Account),
    },
    handler: ({ ctx, params }) => manage.disableAccount(ctx, params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:id/enable',
    access: MANAGE,
    schema: { summary: 'Re-enable an account', tags, params: UuidParam, response: withForbidden(Account) },
    handler: ({ ctx, params }) => manage.enableAccount(ctx, params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:id/reset-password',
    access: MANAGE,
    schema: {
      summary: 'A new one-time password (to change at next sign-in); ends sessions and any lock-out',
      tags,
      params: UuidParam,
      response: withForbidden(PasswordReset),
    },
    handler: async ({ ctx, params, reply }) => {
      reply.header('cache-control', 'no-store');
      return manage.resetPassword(ctx, params.id);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:id/expire',
    access: MANAGE,
    schema: {
      summary: 'Set (or clear, with null) when the account stops working',
      tags,
      params: UuidParam,
      body: ExpireAccount,
      response: withForbidden(Account),
    },
    handler: ({ ctx, params, body }) => manage.expireAccount(ctx, params.id, body.expiresAt),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts/:id/roles',
    access: MANAGE,
    schema: {
      summary: 'Grant and revoke roles',
      tags,
      params: UuidParam,
      body: ChangeRoles,
      response: withForbidden(Account),
    },
    handler: ({ ctx, params, body }) => manage.changeRoles(ctx, params.id, body),
  }),
];
