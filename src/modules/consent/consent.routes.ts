import { Type } from 'typebox';
import { defineRoute, SESSION } from '../../http/route.ts';
import { UuidParam, responses, responsesWithErrors } from '../../../api/common.ts';
import { ERecord } from '../../../api/employees.ts';
import { Consent, NewConsent } from '../../../api/workflows.ts';
import * as svc from './consent.service.ts';

const tags = ['consent'];
const withErrors = responsesWithErrors;

const answer = (verb: 'accept' | 'refuse' | 'revoke', summary: string) =>
  defineRoute({
    method: 'POST',
    url: `/api/v1/me/consents/:id/${verb}`,
    access: SESSION,
    schema: { summary, tags, params: UuidParam, response: withErrors(Consent) },
    handler: ({ ctx, params }) => svc.answerConsent(ctx, params.id, verb),
  });

export const consentRoutes = [
  defineRoute({
    method: 'POST',
    url: '/api/v1/consents',
    access: SESSION,
    schema: {
      summary: "Ask a person's consent to view some groups of their e-record, for a purpose and a period",
      tags,
      body: NewConsent,
      response: withErrors(Consent, 201),
    },
    handler: async ({ ctx, body, reply }) => {
      reply.status(201);
      return svc.requestConsent(ctx, body);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/consents',
    access: SESSION,
    schema: { summary: 'The consents I asked for', tags, response: responses(Type.Array(Consent)) },
    handler: ({ ctx }) => svc.myConsentRequests(ctx),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/consents/:id/record',
    access: SESSION,
    schema: {
      summary: 'Read the e-record under a granted, unexpired, unrevoked consent (only the granted groups)',
      tags,
      params: UuidParam,
      response: withErrors(ERecord),
    },
    handler: ({ ctx, params }) => svc.readUnderConsent(ctx, params.id),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/me/consents',
    access: SESSION,
    schema: {
      summary: 'Who asked to view my record, and my answers',
      tags,
      response: responses(Type.Array(Consent)),
    },
    handler: ({ ctx }) => svc.myConsentAsks(ctx),
  }),
  answer('accept', 'Consent: accept the request'),
  answer('refuse', 'Consent: refuse the request'),
  answer('revoke', 'Consent: revoke a consent given earlier'),
];
