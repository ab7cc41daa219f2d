// A signed extract of the e-record (Circular 06 Art. 8): issued by the server, signed by the competent
// person and the agency, downloaded as a PDF; its number, verification code and address are shown.
import { useState } from 'react';
import { Alert, Button, Space, Typography } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import type { IssuedExtract } from '../../../api/extracts.ts';
import { employees } from '../api/endpoints.ts';
import { useI18n } from '../i18n/index.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';

function download(extract: IssuedExtract): void {
  const bytes = Uint8Array.from(atob(extract.pdf), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${extract.number}.pdf`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ExtractButton({ employeeId }: { employeeId: string }) {
  const { t } = useI18n();
  const [issued, setIssued] = useState<IssuedExtract>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const issue = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const extract = await employees.issueExtract(employeeId);
      setIssued(extract);
      download(extract);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space orientation="vertical">
      <Button
        icon={<FilePdfOutlined aria-hidden />}
        onClick={() => void issue()}
        loading={busy}
        data-testid="extract"
      >
        {t('extract.issue')}
      </Button>
      <ErrorAlert error={error} />
      {issued && (
        <Alert
          type="success"
          showIcon
          data-testid="extract-issued"
          title={t('extract.issued', { number: issued.number })}
          description={
            <>
              <div>
                {t('extract.code')}: <Typography.Text code>{issued.code}</Typography.Text>
              </div>
              <div>
                {t('extract.verifyAt')}: <a href={issued.verifyUrl}>{issued.verifyUrl}</a>
              </div>
            </>
          }
        />
      )}
    </Space>
  );
}
