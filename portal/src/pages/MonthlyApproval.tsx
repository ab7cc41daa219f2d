// Monthly approval (Circular 06 Art. 7): the approver of a ministry or province builds the manifest of
// the month's ledger rows (count, SHA-256, the period it covers) and signs it; the node signs remotely
// with the signer it holds, so the portal sends no signature. Past approvals can be re-verified.
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  approvals,
  org,
  type Manifest,
  type Me,
  type MonthlyApproval,
  type Verification,
} from '../api/endpoints.ts';
import { useMe } from '../auth/session.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { fmtDateTime } from '../components/format.ts';
import { useLoad } from '../components/useLoad.ts';
import { useI18n } from '../i18n/index.tsx';

interface UnitOption {
  value: number;
  label: string;
}

/** Ministries and provinces (first-level units) the account approves for: its own when granted
 * there, the open ones under the root for a national administrator. */
async function approvableUnits(me: Me): Promise<UnitOption[]> {
  const ids = [
    ...new Set(
      me.roles.filter((r) => r.role === 'approver' || r.role === 'national_admin').map((r) => r.unitId),
    ),
  ];
  const lists = await Promise.all(
    ids.map(async (id): Promise<UnitOption[]> => {
      const u = await org.unit(id);
      const depth = u.path.split('.').length;
      if (depth === 2) return [{ value: u.id, label: u.name }];
      if (depth !== 1) return [];
      const tree = await org.tree(id, undefined, 1);
      return tree.filter((n) => n.parentId === id && !n.validTo).map((n) => ({ value: n.id, label: n.name }));
    }),
  );
  const seen = new Set<number>();
  return lists.flat().filter((o) => !seen.has(o.value) && seen.add(o.value));
}

function SignCard({ onSigned }: { onSigned: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const me = useMe();
  const units = useLoad(() => approvableUnits(me), [me]);
  const [unitId, setUnitId] = useState<number>();
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const [manifest, setManifest] = useState<Manifest>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const unit = unitId ?? units.data?.[0]?.value;
  const m = month.format('YYYY-MM');

  const run = async (fn: () => Promise<void>) => {
    setError(undefined);
    setBusy(true);
    try {
      await fn();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const load = () => run(async () => setManifest(await approvals.manifest(unit!, m)));
  const sign = () =>
    run(async () => {
      await approvals.sign(manifest!.unitId, manifest!.month, manifest!.coversTo);
      message.success(t('monthly.signed', { month: manifest!.month }));
      setManifest(undefined);
      onSigned();
    });

  return (
    <Card title={t('monthly.title')} style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">{t('monthly.hint')}</Typography.Paragraph>
      <ErrorAlert error={units.error} />
      <Space wrap>
        <Select
          aria-label={t('monthly.unit')}
          placeholder={t('monthly.unit')}
          style={{ width: 320 }}
          showSearch={{ optionFilterProp: 'label' }}
          loading={units.loading}
          value={unit}
          options={units.data}
          onChange={(v: number) => (setUnitId(v), setManifest(undefined))}
        />
        <DatePicker
          picker="month"
          aria-label={t('monthly.month')}
          format="MM/YYYY"
          allowClear={false}
          value={month}
          onChange={(d) => d && (setMonth(d), setManifest(undefined))}
        />
        <Button onClick={() => void load()} disabled={!unit} loading={busy && !manifest}>
          {t('monthly.load')}
        </Button>
      </Space>
      {manifest && (
        <Descriptions bordered size="small" column={1} style={{ marginTop: 16 }} data-testid="manifest">
          <Descriptions.Item label={t('monthly.actions')}>{manifest.actionCount}</Descriptions.Item>
          <Descriptions.Item label="SHA-256">
            <Typography.Text code copyable>
              {manifest.sha256}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('monthly.coversFrom')}>
            {fmtDateTime(manifest.coversFrom, lang)}
          </Descriptions.Item>
          <Descriptions.Item label={t('monthly.coversTo')}>
            {fmtDateTime(manifest.coversTo, lang)}
          </Descriptions.Item>
        </Descriptions>
      )}
      <div style={{ marginTop: 12 }}>
        <ErrorAlert error={error} />
      </div>
      {manifest && (
        <Button type="primary" style={{ marginTop: 12 }} loading={busy} onClick={() => void sign()}>
          {t('monthly.sign')}
        </Button>
      )}
    </Card>
  );
}

function Verify({ id }: { id: string }) {
  const { t } = useI18n();
  const [result, setResult] = useState<Verification>();
  const [error, setError] = useState<unknown>();
  const check = async () => {
    setError(undefined);
    try {
      setResult(await approvals.verify(id));
    } catch (e) {
      setError(e);
    }
  };
  if (result)
    return (
      <Alert
        type={result.valid ? 'success' : 'error'}
        showIcon
        title={
          result.valid ? t('monthly.valid') : t('monthly.invalid', { problems: result.problems.join('; ') })
        }
      />
    );
  return (
    <>
      <ErrorAlert error={error} />
      <Button size="small" onClick={() => void check()}>
        {t('monthly.verify')}
      </Button>
    </>
  );
}

export default function MonthlyApprovalPage() {
  const { t, lang } = useI18n();
  const { data, error, loading, reload } = useLoad(() => approvals.list(), []);
  return (
    <>
      <SignCard onSigned={reload} />
      <Typography.Title level={3}>{t('monthly.list')}</Typography.Title>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<MonthlyApproval>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data}
        pagination={false}
        locale={{ emptyText: t('monthly.empty') }}
        columns={[
          { title: t('monthly.unit'), dataIndex: 'unitName' },
          { title: t('monthly.month'), dataIndex: 'month' },
          { title: t('monthly.actions'), dataIndex: 'actionCount', align: 'right' },
          { title: t('monthly.signer'), dataIndex: 'signerSubject', ellipsis: true },
          {
            title: t('monthly.signedAt'),
            dataIndex: 'signedAt',
            render: (v: string) => fmtDateTime(v, lang),
          },
          {
            title: t('col.status'),
            dataIndex: 'late',
            render: (late: boolean) =>
              late ? (
                <Tag color="orange">{t('monthly.late')}</Tag>
              ) : (
                <Tag color="green">{t('monthly.onTime')}</Tag>
              ),
          },
          { key: 'verify', width: 320, render: (_, r) => <Verify id={r.id} /> },
        ]}
      />
    </>
  );
}
