// Every error of the API shown the same way: the server's Vietnamese message, its field details and
// the request id to quote to support. "Not found" gets the portal's own wording: for a record outside
// the account's scope the API answers 404 on purpose (it does not say that the record exists); consent
// and approval-window refusals get their own title above the server's message (which says why).
import { Alert } from 'antd';
import { ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';

export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  if (!error) return null;
  const e = error instanceof ApiError ? error : undefined;
  const title =
    e?.code === 'NOT_FOUND'
      ? t('error.notFound')
      : e?.code === 'FORBIDDEN'
        ? t('error.forbidden')
        : e?.code === 'NETWORK'
          ? t('error.network')
          : e?.code.startsWith('CONSENT_')
            ? t('error.consent')
            : e?.code === 'OUTSIDE_APPROVAL_WINDOW'
              ? t('error.window')
              : t('error.title');
  const lines = [
    e?.message && e.code !== 'NETWORK' ? e.message : undefined,
    ...(e?.details ?? []).filter((d) => d.field).map((d) => `${d.field}: ${d.reason}`),
    e?.requestId ? `${t('error.requestId')}: ${e.requestId}` : undefined,
  ].filter(Boolean);
  if (!e) lines.push(String(error));
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="error"
      title={title}
      description={lines.length ? lines.map((l, i) => <div key={i}>{l}</div>) : undefined}
      action={onRetry ? <a onClick={onRetry}>{t('retry')}</a> : undefined}
    />
  );
}
