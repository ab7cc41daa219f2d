// Self-service declarations (Decree 27 Art. 18): the person declares or updates one of their personal
// groups with evidence files; the managing body verifies it before it reaches the record. Below, the
// person's requests with their status; a pending one can be withdrawn.
import { useEffect, useState } from 'react';
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Select,
  Switch,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { NewDeclaration } from '../../../api/workflows.ts';
import { mine, type ChangeRequest } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { fmtDate, fmtDateTime } from '../components/format.ts';
import { useLoad } from '../components/useLoad.ts';
import { useI18n } from '../i18n/index.tsx';
import { GROUPS } from '../../../api/record/groups.ts';
import { ROW_KINDS } from '../../../api/record/spec.ts';
import type { FieldSpec, RowKindSpec } from '../../../api/record/fields.ts';
import { displayRow, kindLabel, type Lookups } from '../../../api/record/display.ts';
import { catalogItems, useRecordLookups } from '../components/recordLookups.ts';

type Group = NewDeclaration['payload']['group'];
type Evidence = NonNullable<NewDeclaration['files']>[number];
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
  data: Record<string, unknown>;
  effectiveDate?: Dayjs;
  note?: string;
}

/** Groups and kinds a person declares through self-service (the others come from HR decisions). */
const SELF_KINDS = ROW_KINDS.filter((k) => k.declarable && k.selfService);
const SELF_GROUPS = GROUPS.filter((g) => SELF_KINDS.some((k) => k.group === g));

function CatalogSelect({
  field,
  ...rest
}: {
  field: FieldSpec;
  id?: string;
  value?: unknown;
  onChange?: (v: unknown) => void;
}) {
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    let live = true;
    if (field.catalog)
      void catalogItems(field.catalog).then(
        (items) => live && setOptions(items.map((i) => ({ value: i.code, label: i.name }))),
      );
    return () => {
      live = false;
    };
  }, [field.catalog]);
  return <Select {...rest} showSearch optionFilterProp="label" options={options} aria-label={field.label} />;
}

/** One input for a field of the content spec, by its type. */
// Form.Item hands value/onChange (checked for a switch) to its child: passed on to the control.
type Control = { id?: string; value?: never; checked?: boolean; onChange?: never };

function FieldInput({ field, lang, ...control }: { field: FieldSpec; lang: 'vi' | 'en' } & Control) {
  switch (field.type) {
    case 'date':
      return <DatePicker {...control} format="DD/MM/YYYY" aria-label={field.label} />;
    case 'year':
    case 'integer':
    case 'number':
    case 'money':
      return (
        <InputNumber
          {...control}
          aria-label={field.label}
          min={field.min}
          max={field.max}
          style={{ width: 200 }}
        />
      );
    case 'boolean':
      return <Switch {...control} aria-label={field.label} />;
    case 'enum':
      return (
        <Select
          {...control}
          aria-label={field.label}
          options={(field.options ?? []).map((o) => ({
            value: o.value,
            label: lang === 'en' ? o.labelEn : o.label,
          }))}
        />
      );
    case 'code':
      return <CatalogSelect {...control} field={field} />;
    case 'longtext':
      return (
        <Input.TextArea {...control} maxLength={field.maxLength ?? 2000} rows={2} aria-label={field.label} />
      );
    default:
      return <Input {...control} maxLength={field.maxLength ?? 300} aria-label={field.label} />;
  }
}

/** The form's values as the declaration's data: dates as YYYY-MM-DD, empty fields left out. */
function toData(kind: RowKindSpec, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of kind.fields) {
    const v = values[f.key];
    if (v === undefined || v === null || v === '') continue;
    out[f.key] = f.type === 'date' ? (v as Dayjs).format('YYYY-MM-DD') : typeof v === 'string' ? v.trim() : v;
  }
  return out;
}

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(file);
  });
}

function declared(r: ChangeRequest, look: Lookups): string {
  const p = (r.action as { payload?: { kind?: string; data?: Record<string, unknown> } }).payload;
  if (!p?.kind) return '';
  const data = displayRow(p.kind, p.data ?? {}, look).map((f) => `${f.label}: ${f.value}`);
  return [kindLabel(p.kind, look.lang), ...data].join(' · ');
}

function DeclareForm({ onSent }: { onSent: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<(Evidence & { uid: string })[]>([]);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const group = Form.useWatch('group', form);
  const kindKey = Form.useWatch('kind', form);
  const kind = SELF_KINDS.find((k) => k.kind === kindKey);

  const submit = async (v: Values) => {
    setError(undefined);
    setBusy(true);
    try {
      const spec = SELF_KINDS.find((k) => k.kind === v.kind)!;
      const data = toData(spec, v.data ?? {});
      await mine.declare({
        payload: { group: v.group, kind: v.kind, data },
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
        initialValues={{ data: {} }}
        style={{ maxWidth: 720 }}
      >
        <Form.Item name="group" label={t('myreq.group')} rules={[{ required: true, message: t('required') }]}>
          <Select
            options={SELF_GROUPS.map((g) => ({ value: g, label: t(`group.${g}`) }))}
            onChange={() => form.setFieldsValue({ kind: undefined, data: {} })}
          />
        </Form.Item>
        <Form.Item name="kind" label={t('myreq.kind')} rules={[{ required: true, message: t('required') }]}>
          <Select
            options={SELF_KINDS.filter((k) => k.group === group).map((k) => ({
              value: k.kind,
              label: lang === 'en' ? k.labelEn : k.label,
            }))}
            onChange={() => form.setFieldsValue({ data: {} })}
          />
        </Form.Item>
        {kind && <Typography.Text strong>{t('myreq.data')}</Typography.Text>}
        {kind?.fields
          .filter((f) => !f.derived && f.type !== 'photo')
          .map((f) => (
            <Form.Item
              key={f.key}
              name={['data', f.key]}
              label={lang === 'en' ? f.labelEn : f.label}
              valuePropName={f.type === 'boolean' ? 'checked' : 'value'}
              rules={f.required ? [{ required: true, message: t('required') }] : []}
            >
              <FieldInput field={f} lang={lang} />
            </Form.Item>
          ))}
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
  const look = useRecordLookups({}, lang);
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
          { title: t('myreq.what'), key: 'what', render: (_, r) => declared(r, look) },
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
