// The working-day calendar that legal deadlines count on: holidays on weekdays and weekend days worked
// in exchange, per year. National administrators add and remove days (the server rebuilds the
// working-day ordinals in the same transaction, so deadlines follow at once).
import { useState } from 'react';
import {
  App,
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { calendar, type Day } from '../api/endpoints.ts';
import { useMe } from '../auth/session.tsx';
import { can } from '../auth/roles.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { fmtDate } from '../components/format.ts';
import { useLoad } from '../components/useLoad.ts';
import { useI18n } from '../i18n/index.tsx';

interface Values {
  day: Dayjs;
  kind: Day['kind'];
  name: string;
}

export default function Calendar() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const editable = can(useMe(), 'calendarEdit');
  const [year, setYear] = useState(dayjs().year());
  const { data, error, loading, reload } = useLoad(() => calendar.year(year), [year]);
  const [actionError, setActionError] = useState<unknown>();
  const [form] = Form.useForm<Values>();

  const act = async (fn: () => Promise<unknown>) => {
    setActionError(undefined);
    try {
      await fn();
      message.success(t('calendar.saved'));
      reload();
      return true;
    } catch (e) {
      setActionError(e);
      return false;
    }
  };
  const add = async (v: Values) => {
    const d = { day: v.day.format('YYYY-MM-DD'), kind: v.kind, name: v.name.trim(), source: null };
    if (await act(() => calendar.set(d))) form.resetFields();
  };

  return (
    <>
      <Typography.Title level={2}>{t('calendar.title')}</Typography.Title>
      <Space style={{ marginBottom: 12 }}>
        <label htmlFor="cal-year">{t('calendar.year')}</label>
        <InputNumber id="cal-year" min={2000} max={2040} value={year} onChange={(v) => v && setYear(v)} />
        {data && <Typography.Text>{t('calendar.workingDays', { n: data.workingDays })}</Typography.Text>}
      </Space>
      {editable && (
        <Form<Values>
          form={form}
          layout="inline"
          onFinish={(v) => void add(v)}
          initialValues={{ kind: 'holiday' }}
          style={{ marginBottom: 12 }}
        >
          <Form.Item name="day" rules={[{ required: true, message: t('required') }]}>
            <DatePicker format="DD/MM/YYYY" aria-label={t('calendar.day')} placeholder={t('calendar.day')} />
          </Form.Item>
          <Form.Item name="kind">
            <Select
              aria-label={t('calendar.kind')}
              style={{ width: 160 }}
              options={[
                { value: 'holiday', label: t('calendar.holiday') },
                { value: 'workday', label: t('calendar.workday') },
              ]}
            />
          </Form.Item>
          <Form.Item name="name" rules={[{ required: true, whitespace: true, message: t('required') }]}>
            <Input aria-label={t('calendar.name')} placeholder={t('calendar.name')} maxLength={200} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('calendar.add')}
          </Button>
        </Form>
      )}
      <ErrorAlert error={error ?? actionError} onRetry={reload} />
      <Table<Day>
        rowKey="day"
        size="small"
        loading={loading}
        dataSource={data?.days}
        pagination={false}
        columns={[
          { title: t('calendar.day'), dataIndex: 'day', render: fmtDate, width: 120 },
          {
            title: t('calendar.kind'),
            dataIndex: 'kind',
            width: 140,
            render: (k: Day['kind']) =>
              k === 'holiday' ? (
                <Tag color="red">{t('calendar.holiday')}</Tag>
              ) : (
                <Tag>{t('calendar.workday')}</Tag>
              ),
          },
          { title: t('calendar.name'), dataIndex: 'name' },
          { title: t('calendar.source'), dataIndex: 'source', render: (v: string | null) => v ?? t('none') },
          ...(editable
            ? [
                {
                  key: 'rm',
                  width: 90,
                  render: (_: unknown, d: Day) => (
                    <Popconfirm
                      title={t('calendar.remove')}
                      onConfirm={() => void act(() => calendar.remove(d.day))}
                    >
                      <Button danger size="small">
                        {t('calendar.remove')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}
