import { defineRoute, needs } from '../../http/route.ts';
import { ErrorBody, responses } from '../../../api/common.ts';
import { BackupList, BackupRun } from '../../../api/backups.ts';
import * as svc from './backups.service.ts';

const tags = ['backups'];

export const backupRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/backups',
    access: needs('backup.read'),
    schema: {
      summary: 'Backups of the whole database with their state, and alerts when one is overdue or failed',
      tags,
      response: { ...responses(BackupList), 403: ErrorBody },
    },
    handler: ({ ctx }) => svc.listBackups(ctx),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/backups',
    access: needs('backup.read'),
    schema: {
      summary: 'Take a backup now, restore-test it, then prune backups past the retention period',
      tags,
      response: { ...responses(BackupRun, 201), 403: ErrorBody, 422: ErrorBody },
    },
    handler: async ({ ctx, reply }) => {
      const run = await svc.runBackupJob(ctx);
      reply.status(201);
      return run;
    },
  }),
];
