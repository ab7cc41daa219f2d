// Bulk import of e-records from the XLSX/CSV template (issue 9): pick a file, check it (dry run) or
// import it (all or nothing, or only the valid rows), watch the upload, read the row-by-row problems
// and download them as a report; earlier imports below.
import { useState } from 'react';
import { Button, Card, Checkbox, Descriptions, Progress, Space, Table, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { imports, type ImportDetail, type ImportJob } from '../api/exchange.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLoad } from '../components/useLoad.ts';
import { fmtDateTime } from '../components/format.ts';
import { useI18n } from '../i18n/index.tsx';

function Result({ job }: { job: ImportDetail }) {
  const { t } = useI18n();
  return (
    <Card title={`${t('imports.result')}: ${job.fileName}`} data-testid="import-result">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={(['rows', 'invalid', 'created', 'updated', 'unchanged', 'conflicts'] as const).map((k) => ({
          key: k,
          label: t(`imports.${k}`),
          children: job[k],
        }))}
      />
      <Space style={{ margin: '8px 0' }}>
        <Tag color={job.status === 'done' ? 'green' : job.status === 'checked' ? 'blue' : 'red'}>
          {t(`imports.status.${job.status}`)}
        </Tag>
        {job.issuesTotal > 0 && (
          <a href={imports.reportUrl(job.id)} download>
            <DownloadOutlined aria-hidden /> {t('imports.report')}
          </a>
        )}
      </Space>
      {job.issues.length > 0 && (
        <Table
          size="small"
          rowKey={(r) => `${r.sheet ?? ''}:${r.row}:${r.field}:${r.reason}`}
          dataSource={job.issues}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('imports.sheet'), dataIndex: 'sheet', render: (v?: string) => v ?? 'Hồ sơ' },
            { title: t('imports.row'), dataIndex: 'row', width: 80 },
            // The column's header as the file shows it; imports before the multi-sheet layout had none.
            {
              title: t('imports.field'),
              dataIndex: 'column',
              render: (v: string | undefined, r: ImportDetail['issues'][number]) => v ?? r.field,
            },
            { title: t('imports.value'), dataIndex: 'value' },
            { title: t('imports.reason'), dataIndex: 'reason' },
          ]}
        />
      )}
    </Card>
  );
}

export default function Imports() {
  const { t, lang } = useI18n();
  const [file, setFile] = useState<File>();
  const [validOnly, setValidOnly] = useState(false);
  const [progress, setProgress] = useState<number>();
  const [result, setResult] = useState<ImportDetail>();
  const [error, setError] = useState<unknown>();
  const list = useLoad(() => imports.list(), []);
  const run = async (dryRun: boolean) => {
    if (!file) return;
    setError(undefined);
    setResult(undefined);
    setProgress(0);
    try {
      setResult(await imports.run(file, { dryRun, validOnly }, setProgress));
      list.reload();
    } catch (e) {
      setError(e);
    } finally {
      setProgress(undefined);
    }
  };
  return (
    <>
      <Typography.Title level={2}>{t('imports.title')}</Typography.Title>
      <Card style={{ marginBottom: 16 }}>
        <Typography.Paragraph>
          {t('imports.hint')}{' '}
          <a href={imports.templateUrl('xlsx')} download>
            {t('imports.templateXlsx')}
          </a>{' '}
          ·{' '}
          <a href={imports.templateUrl('csv')} download>
            {t('imports.templateCsv')}
          </a>
        </Typography.Paragraph>
        <Space wrap>
          <Upload
            accept=".xlsx,.csv"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              return false;
            }}
            onRemove={() => setFile(undefined)}
          >
            <Button icon={<UploadOutlined aria-hidden />}>{t('imports.choose')}</Button>
          </Upload>
          <Checkbox checked={validOnly} onChange={(e) => setValidOnly(e.target.checked)}>
            {t('imports.validOnly')}
          </Checkbox>
          <Button disabled={!file || progress !== undefined} onClick={() => void run(true)}>
            {t('imports.check')}
          </Button>
          <Button type="primary" disabled={!file || progress !== undefined} onClick={() => void run(false)}>
            {t('imports.run')}
          </Button>
        </Space>
        {progress !== undefined && (
          <Progress percent={progress} aria-label={t('imports.uploading')} status="active" />
        )}
      </Card>
      <ErrorAlert error={error} />
      {result && <Result job={result} />}
      <Typography.Title level={4} style={{ marginTop: 16 }}>
        {t('imports.history')}
      </Typography.Title>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<ImportJob>
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data ?? []}
        columns={[
          {
            title: t('imports.startedAt'),
            dataIndex: 'startedAt',
            render: (v: string) => fmtDateTime(v, lang),
          },
          { title: t('imports.file'), dataIndex: 'fileName' },
          {
            title: t('imports.statusTitle'),
            dataIndex: 'status',
            render: (s: ImportJob['status']) => t(`imports.status.${s}`),
          },
          { title: t('imports.rows'), dataIndex: 'rows', align: 'right' },
          { title: t('imports.invalid'), dataIndex: 'invalid', align: 'right' },
          {
            title: t('imports.report'),
            render: (_, j) =>
              j.issuesTotal > 0 ? (
                <a href={imports.reportUrl(j.id)} download>
                  <DownloadOutlined aria-label={t('imports.report')} />
                </a>
              ) : null,
          },
        ]}
      />
    </>
  );
}
