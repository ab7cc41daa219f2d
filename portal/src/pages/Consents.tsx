// Staff asking a person's consent to view their record (Decree 27 Art. 20): the request names the
// person by ID number, the purpose, the groups and the period; while granted and in period, "Xem"
// opens the record limited to the granted groups (each read is audited and shown to the person).
import { useState } from 'react';
import { App, Button, Card, Checkbox, DatePicker, Form, Input, Modal, Table, Tabs, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { NewConsent } from '../../../api/workflows.ts';
import { consents, type Consent } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { HistoryTable } from '../components/RecordView.tsx';
import { consentColumns } from '../components/consentColumns.tsx';
import { useLoad } from '../components/useLoad.ts';
import { useI18n } from '../i18n/index.tsx';
import { GROUPS } from '../../../api/record/groups.ts';

type Group = NewConsent['groups'][number];

interface Values {
  personId: string;
  purpose: string;
  groups: Group[];
  validUntil: Dayjs;
}

function AskForm({ onSent }: { onSent: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>();
  const submit = async (v: Values) => {
    setError(undefined);
    try {
      await consents.ask({
        personId: v.personId.trim(),
        purpose: v.purpose.trim(),
        groups: v.groups,
        validUntil: v.validUntil.format('YYYY-MM-DD'),
      });
      message.success(t('consent.sent'));
      form.resetFields();
      onSent();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Card title={t('consent.askTitle')} style={{ marginBottom: 16 }}>
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} style={{ maxWidth: 720 }}>
        <Form.Item
          name="personId"
          label={t('consent.personId')}
          rules={[{ required: true, pattern: /^\d{12}$/, message: t('consent.personIdInvalid') }]}
        >
          <Input maxLength={12} inputMode="numeric" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item
          name="purpose"
          label={t('consent.purpose')}
          rules={[{ required: true, min: 5, whitespace: true, message: t('consent.purposeMin') }]}
        >
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item
          name="groups"
          label={t('consent.groups')}
          rules={[{ required: true, message: t('required') }]}
        >
          <Checkbox.Group options={GROUPS.map((g) => ({ value: g, label: t(`group.${g}`) }))} />
        </Form.Item>
        <Form.Item
          name="validUntil"
          label={t('consent.validUntil')}
          rules={[{ required: true, message: t('required') }]}
        >
          <DatePicker
            format="DD/MM/YYYY"
            disabledDate={(d) => d.isBefore(dayjs(), 'day') || d.isAfter(dayjs().add(180, 'day'), 'day')}
          />
        </Form.Item>
        <ErrorAlert error={error} />
        <Button type="primary" htmlType="submit" style={{ marginTop: 12 }}>
          {t('consent.send')}
        </Button>
      </Form>
    </Card>
  );
}

function RecordUnderConsent({ consent, onClose }: { consent: Consent; onClose: () => void }) {
  const { t } = useI18n();
  const { data, error, loading } = useLoad(() => consents.record(consent.id), [consent.id]);
  const granted = GROUPS.filter((g) => consent.groups.includes(g));
  return (
    <Modal
      open
      width={1000}
      title={t('consent.recordTitle', { name: consent.subjectName })}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('close')}</Button>}
    >
      <ErrorAlert error={error} />
      {(loading || data) && (
        <>
          <Typography.Paragraph type="secondary">{t('consent.grantedGroups')}</Typography.Paragraph>
          <Tabs
            data-testid="consent-record"
            items={granted.map((g) => ({
              key: g,
              label: t(`group.${g}`),
              children: <HistoryTable rows={data?.groups[g] ?? []} t={t} />,
            }))}
          />
        </>
      )}
    </Modal>
  );
}

export default function Consents() {
  const { t, lang } = useI18n();
  const { data, error, loading, reload } = useLoad(() => consents.list(), []);
  const [open, setOpen] = useState<Consent>();
  return (
    <>
      <AskForm onSent={reload} />
      <Typography.Title level={3}>{t('consent.myAsks')}</Typography.Title>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<Consent>
        rowKey="id"
        size="small"
        loading={loading}
        pagination={false}
        dataSource={data}
        locale={{ emptyText: t('consent.empty') }}
        columns={[
          { title: t('consent.subject'), dataIndex: 'subjectName' },
          ...consentColumns(t, lang),
          {
            key: 'act',
            render: (_, c) => (
              <Button size="small" onClick={() => setOpen(c)}>
                {t('consent.view')}
              </Button>
            ),
          },
        ]}
      />
      {open && <RecordUnderConsent consent={open} onClose={() => setOpen(undefined)} />}
    </>
  );
}
