// Calls of issue 9's administration: bulk import of e-records (upload with progress), API clients of
// other systems, and the federation nodes' sync status.
import type { ImportDetail, ImportJob } from '../../../api/imports.ts';
import type { ApiClient, ApiClientWithSecret } from '../../../api/sharing.ts';
import type { RoutedAction } from '../../../api/personnel-actions.ts';
import { ApiError, get, post, withQuery } from './client.ts';

const V1 = '/api/v1';
export type { ImportDetail, ImportJob, ApiClient, ApiClientWithSecret, RoutedAction };

/** GET /nodes/status: this node's lag (a ministry/province node) or every node's (the national one). */
export type NodeStatus =
  | {
      role: 'local';
      code: string;
      scope: string;
      nationalUrl: string;
      lastAttemptAt: string | null;
      lastSuccessAt: string | null;
      lastError: string | null;
      pendingRecords: number;
      pendingRows: number;
      lagSeconds: number;
    }
  | {
      role: 'national';
      nodes: {
        code: string;
        scopeCode: string;
        lastExchangeAt: string | null;
        workingDaysSinceExchange: number;
        late: boolean;
        undeliveredRecords: number;
      }[];
    };

function csrf(): string {
  const m = document.cookie.match(/(?:^|;\s*)hoso_csrf=([^;]*)/);
  return m?.[1] ? decodeURIComponent(m[1]) : '';
}

function base64(buf: ArrayBuffer): string {
  const bytes = new Uint8Array(buf);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** The upload through XMLHttpRequest: fetch cannot report upload progress. */
function upload(body: string, onProgress: (percent: number) => void): Promise<ImportDetail> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${V1}/imports`);
    xhr.setRequestHeader('content-type', 'application/json');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('x-csrf-token', csrf());
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', ''));
    xhr.onload = () => {
      let json: unknown;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        json = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300 && json) return resolve(json as ImportDetail);
      const err = (json as { error?: { code: string; message: string; details?: [] } } | undefined)?.error;
      reject(
        new ApiError(
          xhr.status,
          err?.code ?? `HTTP_${xhr.status}`,
          err?.message ?? xhr.statusText,
          err?.details,
          xhr.getResponseHeader('x-request-id') ?? undefined,
        ),
      );
    };
    xhr.send(body);
  });
}

export const imports = {
  list: () => get<ImportJob[]>(`${V1}/imports`, { limit: 50 }),
  run: async (file: File, opts: { dryRun: boolean; validOnly: boolean }, onProgress: (p: number) => void) =>
    upload(
      JSON.stringify({ fileName: file.name, content: base64(await file.arrayBuffer()), ...opts }),
      onProgress,
    ),
  templateUrl: (format: 'xlsx' | 'csv') => withQuery(`${V1}/imports/template`, { format }),
  reportUrl: (id: string) => `${V1}/imports/${id}/report`,
};

export const apiClients = {
  list: () => get<ApiClient[]>(`${V1}/api-clients`),
  suspend: (id: string, reason: string) => post<ApiClient>(`${V1}/api-clients/${id}/suspend`, { reason }),
  resume: (id: string) => post<ApiClient>(`${V1}/api-clients/${id}/resume`),
  rotate: (id: string) => post<ApiClientWithSecret>(`${V1}/api-clients/${id}/rotate-secret`),
};

export const nodes = {
  status: () => get<NodeStatus>(`${V1}/nodes/status`),
  routed: (employeeId: string) =>
    get<RoutedAction[]>(`${V1}/nodes/routed-actions?employeeId=${encodeURIComponent(employeeId)}`),
};
