// Self-service declarations (Decree 27 Art. 18): the person declares or updates one of their personal
// groups with evidence files; the managing body verifies it before it reaches the record. Below, the
// person's requests with their status; a pending one can be withdrawn.
import { useState } from 'react';
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { DeleteOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { NewDeclaration } from '../../../api/workflows.ts';
import { mine, type ChangeRequest } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { fmtDate, fmtDateTime } from '../components/format.ts';
import { useLoad } from '../components/useLoad.ts';
import { useI18n } from '../i18n/index.tsx';

type Group = NewDeclaration['payload']['group'];
type Evidence = NonNullable<NewDeclaration['files']>[number];
const GROUPS: Group[] = [
  'identity',
  'family',
  'personalHistory',
  'political',
  'military',
  'assets',
  'health',
];
const TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
const COLORS: Record<ChangeRequest['status'], string> = {
  pending: 'gold',
  approved: 'green',
  rejected: 'red',
  withdrawn: 'default',
};

interface Values {
  group: Group;
  kind: string;
  fields: { key: string; value: string }[];
  effectiveDate?: Dayjs;
  note?: string;
}

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(file);
  });
}

function declared(r: ChangeRequest): string {
  const p = (r.action as { payload?: { kind?: string; data?: Record<string, unknown> } }).payload;
  const data = Object.entries(p?.data ?? {}).map(([k, v]) => `${k}: ${String(v)}`);
  return [p?.kind, ...data].filter(Boolean).join(' · ');
}

function DeclareForm({ onSent }: { onSent: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<(Evidence & { uid: string })[]>([]);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setError(undefined);
    setBusy(true);
    try {
      const data = Object.fromEntries(
        v.fields.filter((f) => f.key?.trim()).map((f) => [f.key.trim(), f.value ?? '']),
      );
      await mine.declare({
        payload: { group: v.group, kind: v.kind.trim(), data },
        effectiveDate: v.effectiveDate?.format('YYYY-MM-DD'),
        note: v.note?.trim() || undefined,
        files: files.length
          ? files.map(({ name, mediaType, contentBase64 }) => ({ name, mediaType, contentBase64 }))
          : undefined,
      });
      message.success(t('myreq.sent'));
      form.resetFields();
      setFiles([]);
      onSent();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const addFile = async (file: File & { uid: string }) => {
    const mediaType = TYPES.find((m) => m === file.type);
    if (!mediaType) {
      message.error(t('myreq.badFile'));
      return false;
    }
    const contentBase64 = await toBase64(file);
    setFiles((fs) =>
      [...fs, { uid: file.uid, name: file.name.slice(0, 200), mediaType, contentBase64 }].slice(0, 5),
    );
    return false;
  };

  return (
    <Card title={t('myreq.title')} style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">{t('myreq.hint')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ fields: [{ key: '', value: '' }] }}
        style={{ maxWidth: 720 }}
      >
        <Form.Item name="group" label={t('myreq.group')} rules={[{ required: true, message: t('required') }]}>
          <Select options={GROUPS.map((g) => ({ value: g, label: t(`group.${g}`) }))} />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('myreq.kind')}
          rules={[{ required: true, whitespace: true, message: t('required') }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Typography.Text strong>{t('myreq.data')}</Typography.Text>
        <Form.List name="fields">
          {(items, { add, remove }) => (
            <>
              {items.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'key']} rules={[{ required: true, message: t('required') }]}>
                    <Input aria-label={t('myreq.key')} placeholder={t('myreq.key')} maxLength={60} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'value']}>
                    <Input
                      aria-label={t('myreq.value')}
                      placeholder={t('myreq.value')}
                      maxLength={2000}
                      style={{ width: 360 }}
                    />
                  </Form.Item>
                  <Button
                    aria-label={t('calendar.remove')}
                    icon={<DeleteOutlined />}
                    onClick={() => remove(f.name)}
                  />
                </Space>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ key: '', value: '' })}
                style={{ marginBottom: 16 }}
              >
                {t('myreq.addField')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="effectiveDate" label={t('myreq.effective')}>
          <DatePicker format="DD/MM/YYYY" />
        </Form.Item>
        <Form.Item name="note" label={t('myreq.note')}>
          <Input.TextArea maxLength={2000} rows={2} />
        </Form.Item>
        <Form.Item label={t('myreq.files')}>
          <Upload
            multiple
            accept=".pdf,.jpg,.jpeg,.png"
            fileList={files.map((f) => ({ uid: f.uid, name: f.name, status: 'done' as const }))}
            beforeUpload={(file) => addFile(file)}
            onRemove={(f) => setFiles((fs) => fs.filter((x) => x.uid !== f.uid))}
          >
            <Button icon={<UploadOutlined />} disabled={files.length >= 5}>
              {t('myreq.pick')}
            </Button>
          </Upload>
        </Form.Item>
        <ErrorAlert error={error} />
        <Button type="primary" htmlType="submit" loading={busy} style={{ marginTop: 12 }}>
          {t('myreq.submit')}
        </Button>
      </Form>
    </Card>
  );
}

export default function MyRequests() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { data, error, loading, reload } = useLoad(() => mine.requests(), []);
  const [actionError, setActionError] = useState<unknown>();
  const withdraw = async (id: string) => {
    setActionError(undefined);
    try {
      await mine.withdraw(id);
      message.success(t('myreq.withdrawn'));
      reload();
    } catch (e) {
      setActionError(e);
    }
  };
  return (
    <>
      <DeclareForm onSent={reload} />
      <Typography.Title level={3}>{t('myreq.list')}</Typography.Title>
      <ErrorAlert error={error ?? actionError} onRetry={reload} />
      <Table<ChangeRequest>
        rowKey="id"
        size="small"
        loading={loading}
        pagination={false}
        dataSource={data}
        data-testid="my-requests"
        locale={{ emptyText: t('myreq.empty') }}
        columns={[
          {
            title: t('inbox.submittedAt'),
            dataIndex: 'submittedAt',
            render: (v: string) => fmtDateTime(v, lang),
          },
          {
            title: t('myreq.group'),
            key: 'group',
            render: (_, r) => {
              const g = (r.action as { payload?: { group?: string } }).payload?.group;
              return g ? t(`group.${g as Group}`) : t(`requestKind.${r.kind}`);
            },
          },
          { title: t('myreq.what'), key: 'what', render: (_, r) => declared(r) },
          {
            title: t('ledger.effective'),
            key: 'eff',
            render: (_, r) => fmtDate((r.action as { effectiveDate?: string }).effectiveDate),
          },
          {
            title: t('col.status'),
            dataIndex: 'status',
            render: (s: ChangeRequest['status'], r) => (
              <>
                <Tag color={COLORS[s]}>{t(`request.${s}`)}</Tag>
                {r.reason && <Typography.Text type="secondary">{r.reason}</Typography.Text>}
              </>
            ),
          },
          {
            key: 'act',
            render: (_, r) =>
              r.status === 'pending' ? (
                <Button size="small" onClick={() => void withdraw(r.id)}>
                  {t('myreq.withdraw')}
                </Button>
              ) : null,
          },
        ]}
      />
    </>
  );
}
