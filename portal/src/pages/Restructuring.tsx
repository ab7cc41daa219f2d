// Restructuring of the organisation for administrators (merge, split, rename, move): the operations
// recorded so far and a form for a new one with its effective date and decision. The server applies
// it as one audited transaction and re-homes the people; its refusals are shown in Vietnamese.
import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, Select, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { restructurings, type NewRestructuring, type Restructuring } from '../api/admin.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLoad } from '../components/useLoad.ts';
import { useUnitOptions } from '../components/useUnitOptions.ts';
import { SplitFields, splitParts, type PartValues, type PeopleValue } from '../components/SplitParts.tsx';
import { fmtDate } from '../components/format.ts';
import { useI18n } from '../i18n/index.tsx';

type Kind = NewRestructuring['kind'];
const KINDS: Kind[] = ['merge', 'split', 'rename', 'move'];

interface Values {
  kind: Kind;
  effectiveDate: Dayjs;
  sourceIds?: number[];
  targetId?: number;
  sourceId?: number;
  unitId?: number;
  name?: string;
  parentId?: number;
  parts?: PartValues[];
  people?: PeopleValue;
  keepSource?: boolean;
  decisionNo: string;
  decisionDate: Dayjs;
  signerName: string;
  signerTitle?: string;
  issuingBody: string;
  legalBasis?: string;
}

/** The API body of the form: only the fields the chosen kind takes. */
function toBody(v: Values): NewRestructuring {
  const common = {
    kind: v.kind,
    effectiveDate: v.effectiveDate.format('YYYY-MM-DD'),
    decision: {
      number: v.decisionNo.trim(),
      date: v.decisionDate.format('YYYY-MM-DD'),
      signerName: v.signerName.trim(),
      signerTitle: v.signerTitle?.trim() || undefined,
      issuingBody: v.issuingBody.trim(),
    },
    legalBasis: v.legalBasis?.trim() || undefined,
  };
  if (v.kind === 'merge')
    return { ...common, sourceIds: v.sourceIds, targetId: v.targetId, name: v.name?.trim() || undefined };
  if (v.kind === 'split')
    return {
      ...common,
      sourceId: v.sourceId,
      keepSource: !!v.keepSource,
      parts: splitParts(v.parts ?? [], v.people, !!v.keepSource),
    };
  if (v.kind === 'rename') return { ...common, unitId: v.unitId, name: v.name?.trim() };
  return { ...common, unitId: v.unitId, parentId: v.parentId };
}

function KindFields({ kind, units }: { kind: Kind; units: { value: number; label: string }[] }) {
  const { t } = useI18n();
  const req = [{ required: true, message: t('required') }];
  const pick = { options: units, showSearch: { optionFilterProp: 'label' } };
  if (kind === 'merge')
    return (
      <>
        <Form.Item name="sourceIds" label={t('restr.sources')} rules={req}>
          <Select mode="multiple" {...pick} />
        </Form.Item>
        <Form.Item name="targetId" label={t('restr.target')} rules={req}>
          <Select {...pick} />
        </Form.Item>
        <Form.Item name="name" label={t('restr.targetName')}>
          <Input maxLength={300} />
        </Form.Item>
      </>
    );
  if (kind === 'split') return <SplitFields units={units} />;
  return (
    <>
      <Form.Item name="unitId" label={t('restr.unit')} rules={req}>
        <Select {...pick} />
      </Form.Item>
      {kind === 'rename' ? (
        <Form.Item name="name" label={t('restr.newName')} rules={req}>
          <Input maxLength={300} />
        </Form.Item>
      ) : (
        <Form.Item name="parentId" label={t('restr.newParent')} rules={req}>
          <Select {...pick} />
        </Form.Item>
      )}
    </>
  );
}

function NewOperation({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const units = useUnitOptions();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'rename';
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const req = [{ required: true, message: t('required') }];
  const submit = async (v: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      const r = await restructurings.create(toBody(v));
      message.success(t('restr.done', { rehomed: r.result.rehomed }));
      form.resetFields();
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('restr.new')}>
      <Form form={form} layout="vertical" initialValues={{ kind: 'rename' }} onFinish={submit}>
        <Form.Item name="kind" label={t('restr.kind')} rules={req}>
          <Select options={KINDS.map((k) => ({ value: k, label: t(`restr.kind.${k}`) }))} />
        </Form.Item>
        <KindFields kind={kind} units={units} />
        <Form.Item name="effectiveDate" label={t('action.effectiveDate')} rules={req}>
          <DatePicker format="DD/MM/YYYY" />
        </Form.Item>
        <fieldset style={{ border: '1px solid #eee', padding: 12, marginBottom: 16 }}>
          <legend>{t('action.decision')}</legend>
          <Form.Item name="decisionNo" label={t('action.decisionNo')} rules={req}>
            <Input maxLength={100} placeholder="123/QĐ-UBND" />
          </Form.Item>
          <Form.Item name="decisionDate" label={t('action.decisionDate')} rules={req}>
            <DatePicker format="DD/MM/YYYY" />
          </Form.Item>
          <Form.Item name="signerName" label={t('action.signerName')} rules={req}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="signerTitle" label={t('action.signerTitle')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="issuingBody" label={t('action.issuingBody')} rules={req}>
            <Input maxLength={300} />
          </Form.Item>
        </fieldset>
        <Form.Item name="legalBasis" label={t('action.legalBasis')}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
        <ErrorAlert error={error} />
        <Button type="primary" htmlType="submit" loading={busy} style={{ marginTop: 12 }}>
          {t('restr.submit')}
        </Button>
      </Form>
    </Card>
  );
}

export default function RestructuringPage() {
  const { t } = useI18n();
  const { data, error, loading, reload } = useLoad(() => restructurings.list(), []);
  return (
    <>
      <Typography.Title level={2}>{t('restr.title')}</Typography.Title>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<Restructuring>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data ?? []}
        style={{ marginBottom: 16 }}
        columns={[
          {
            title: t('restr.kind'),
            dataIndex: 'kind',
            render: (k: Kind) => <Tag>{t(`restr.kind.${k}`)}</Tag>,
          },
          { title: t('action.effectiveDate'), dataIndex: 'effectiveDate', render: (d: string) => fmtDate(d) },
          { title: t('action.decisionNo'), render: (_, r) => r.decision.number },
          { title: t('action.issuingBody'), render: (_, r) => r.decision.issuingBody },
          { title: t('restr.rehomed'), align: 'right', render: (_, r) => r.result.rehomed },
        ]}
      />
      <NewOperation onDone={reload} />
    </>
  );
}
