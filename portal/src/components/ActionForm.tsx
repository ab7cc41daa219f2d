// Recording a personnel decision: its type and payload, the effective date and the decision behind
// it (number, date, signer, issuing body), the legal basis and the decision file. National
// administrators write the ledger directly; officers submit a draft that an approver applies
// (maker-checker), with the file attached as evidence.
import { useState } from 'react';
import {
  App,
  Button,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Select,
  Upload,
  type UploadFile,
} from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { NewAction } from '../../../api/personnel-actions.ts';
import { employees, type RecordView } from '../api/endpoints.ts';
import { can } from '../auth/roles.ts';
import { useMe } from '../auth/session.tsx';
import { useI18n, type T } from '../i18n/index.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';

const TYPES = ['salary_step', 'rank_change', 'appoint', 'reward', 'assessment'] as const;
type Kind = (typeof TYPES)[number];
const RATINGS = ['excellent', 'good', 'satisfactory', 'unsatisfactory'] as const;
const MAX_FILE = 5 * 1024 * 1024;

interface Values {
  type: Kind;
  effectiveDate: Dayjs;
  salaryStep?: number;
  rankCode?: string;
  positionTitle?: string;
  rewardForm?: string;
  rewardLevel?: string;
  year?: number;
  rating?: string;
  decisionNo: string;
  decisionDate: Dayjs;
  signerName: string;
  signerTitle?: string;
  issuingBody: string;
  legalBasis?: string;
  note?: string;
}

function payloadOf(v: Values): Record<string, unknown> {
  switch (v.type) {
    case 'salary_step':
      return { salaryStep: v.salaryStep };
    case 'rank_change':
      return { rankCode: v.rankCode, salaryStep: v.salaryStep };
    case 'appoint':
      return { positionTitle: v.positionTitle };
    case 'reward':
      return { form: v.rewardForm, ...(v.rewardLevel ? { level: v.rewardLevel } : {}) };
    case 'assessment':
      return { year: v.year, rating: v.rating };
  }
}

function bodyOf(v: Values): NewAction {
  return {
    type: v.type,
    effectiveDate: v.effectiveDate.format('YYYY-MM-DD'),
    payload: payloadOf(v),
    decision: {
      number: v.decisionNo.trim(),
      date: v.decisionDate.format('YYYY-MM-DD'),
      signerName: v.signerName.trim(),
      ...(v.signerTitle ? { signerTitle: v.signerTitle.trim() } : {}),
      issuingBody: v.issuingBody.trim(),
    },
    ...(v.legalBasis ? { legalBasis: v.legalBasis } : {}),
    ...(v.note ? { note: v.note } : {}),
  };
}

async function base64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function PayloadFields({ type, t }: { type: Kind | undefined; t: T }) {
  const req = [{ required: true, message: t('required') }];
  const step = (
    <Form.Item name="salaryStep" label={t('action.salaryStep')} rules={req}>
      <InputNumber min={1} max={20} />
    </Form.Item>
  );
  switch (type) {
    case 'salary_step':
      return step;
    case 'rank_change':
      return (
        <>
          <Form.Item name="rankCode" label={t('action.rankCode')} rules={req}>
            <Input maxLength={20} />
          </Form.Item>
          {step}
        </>
      );
    case 'appoint':
      return (
        <Form.Item name="positionTitle" label={t('action.positionTitle')} rules={req}>
          <Input maxLength={300} />
        </Form.Item>
      );
    case 'reward':
      return (
        <>
          <Form.Item name="rewardForm" label={t('action.rewardForm')} rules={req}>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name="rewardLevel" label={t('action.rewardLevel')}>
            <Input maxLength={100} />
          </Form.Item>
        </>
      );
    case 'assessment':
      return (
        <>
          <Form.Item name="year" label={t('action.year')} rules={req}>
            <InputNumber min={1990} max={2200} />
          </Form.Item>
          <Form.Item name="rating" label={t('action.rating')} rules={req}>
            <Select options={RATINGS.map((r) => ({ value: r, label: t(`rating.${r}`) }))} />
          </Form.Item>
        </>
      );
    default:
      return null;
  }
}

export function ActionForm({
  record,
  onClose,
  onDone,
}: {
  record: RecordView;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const me = useMe();
  const direct = can(me, 'recordDirect');
  const [form] = Form.useForm<Values>();
  const type = Form.useWatch('type', form);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const req = [{ required: true, message: t('required') }];

  const submit = async (v: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      const body = bodyOf(v);
      if (direct) {
        const r = (await employees.recordAction(record.id, body)) as { status?: string; node?: string };
        // 202: a ministry/province node owns the record; the national node routed the decision to it.
        if (r.status === 'pending' && r.node) {
          message.info(t('action.routed', { node: r.node }));
          onDone();
          return;
        }
      } else {
        const evidence = await Promise.all(
          files.map(async (f) => ({
            name: f.name,
            mediaType: f.type ?? 'application/pdf',
            contentBase64: await base64(f.originFileObj as File),
          })),
        );
        await employees.draftAction(record.id, { ...body, ...(evidence.length ? { files: evidence } : {}) });
      }
      message.success(t(direct ? 'action.recorded' : 'action.drafted'));
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open
      size={560}
      title={`${t('action.title')} — ${record.fullName}`}
      onClose={onClose}
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ type: 'salary_step' }}
      >
        <Form.Item name="type" label={t('action.type')} rules={req}>
          <Select options={TYPES.map((k) => ({ value: k, label: t(`actionType.${k}`) }))} />
        </Form.Item>
        <PayloadFields type={type} t={t} />
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
        <Form.Item name="note" label={t('action.note')}>
          <Input.TextArea maxLength={2000} rows={2} />
        </Form.Item>
        {!direct && (
          <Form.Item label={t('action.file')}>
            <Upload
              accept="application/pdf,image/jpeg,image/png"
              maxCount={5}
              fileList={files}
              beforeUpload={(f) => {
                if (f.size > MAX_FILE) message.error(t('action.fileTooLarge'));
                else
                  setFiles((old) => [...old, { uid: f.uid, name: f.name, type: f.type, originFileObj: f }]);
                return false;
              }}
              onRemove={(f) => setFiles((old) => old.filter((x) => x.uid !== f.uid))}
            >
              <Button icon={<UploadOutlined />}>{t('action.file')}</Button>
            </Upload>
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="action-submit">
          {t('action.submit')}
        </Button>
      </Form>
    </Drawer>
  );
}
