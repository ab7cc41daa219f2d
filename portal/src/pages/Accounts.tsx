// Accounts in the administrator's scope with their roles, and what an administrator does with them
// (Circular 06 Art. 9: access with issued accounts): issue an account with a role over a subtree,
// disable / enable, reset the password (a one-time password, shown once), grant and revoke roles.
import { useState } from 'react';
import { App, Button, Form, Input, Modal, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { accounts, type Account } from '../api/admin.ts';
import { admin } from '../api/endpoints.ts';
import { CursorTable } from '../components/CursorTable.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useUnitOptions } from '../components/useUnitOptions.ts';
import { label, useI18n } from '../i18n/index.tsx';
import type { Role } from '../auth/roles.ts';

const ROLES: Role[] = ['national_admin', 'agency_admin', 'hr_officer', 'approver', 'viewer', 'auditor'];

/** A one-time password, shown once: the administrator hands it over; it must be changed at sign-in. */
function showPassword(modal: ReturnType<typeof App.useApp>['modal'], title: string, password: string) {
  modal.info({
    title,
    content: (
      <Typography.Paragraph copyable={{ text: password }} data-testid="one-time-password">
        <code>{password}</code>
      </Typography.Paragraph>
    ),
  });
}

function RoleFields() {
  const { t } = useI18n();
  const units = useUnitOptions();
  const req = [{ required: true, message: t('required') }];
  return (
    <Space.Compact block>
      <Form.Item name="role" label={t('accounts.role')} rules={req} style={{ width: '40%' }}>
        <Select options={ROLES.map((r) => ({ value: r, label: label(t, 'role', r) }))} />
      </Form.Item>
      <Form.Item name="unitId" label={t('accounts.roleUnit')} rules={req} style={{ width: '60%' }}>
        <Select options={units} showSearch={{ optionFilterProp: 'label' }} />
      </Form.Item>
    </Space.Compact>
  );
}

interface IssueValues {
  username: string;
  displayName: string;
  role: Role;
  unitId: number;
}

function IssueModal({ onClose }: { onClose: (changed: boolean) => void }) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const [form] = Form.useForm<IssueValues>();
  const [error, setError] = useState<unknown>();
  const req = [{ required: true, message: t('required') }];
  const submit = async (v: IssueValues) => {
    setError(undefined);
    try {
      const issued = await accounts.issue({
        username: v.username.trim(),
        displayName: v.displayName.trim(),
        roles: [{ role: v.role, unitId: v.unitId }],
      });
      showPassword(
        modal,
        t('accounts.issued', { username: issued.account.username }),
        issued.oneTimePassword,
      );
      onClose(true);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Modal
      open
      title={t('accounts.issue')}
      okText={t('accounts.issue')}
      onOk={() => form.submit()}
      onCancel={() => onClose(false)}
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="username" label={t('accounts.username')} rules={req}>
          <Input maxLength={64} autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('accounts.displayName')} rules={req}>
          <Input maxLength={200} />
        </Form.Item>
        <RoleFields />
      </Form>
      <ErrorAlert error={error} />
    </Modal>
  );
}

function RolesModal({ account, onClose }: { account: Account; onClose: (changed: boolean) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ role: Role; unitId: number }>();
  const [current, setCurrent] = useState(account);
  const [error, setError] = useState<unknown>();
  const change = async (body: Parameters<typeof accounts.roles>[1]) => {
    setError(undefined);
    try {
      setCurrent(await accounts.roles(account.id, body));
      form.resetFields();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Modal
      open
      footer={null}
      title={`${t('accounts.roles')}: ${account.username}`}
      onCancel={() => onClose(true)}
    >
      <Space wrap style={{ marginBottom: 12 }}>
        {current.roles.map((r) => (
          <Tag
            key={r.id}
            closable
            closeIcon={<span aria-label={t('accounts.revoke')}>×</span>}
            onClose={(e) => {
              e.preventDefault();
              void change({ revoke: [r.id] });
            }}
          >
            {label(t, 'role', r.role)} — {r.unitName}
          </Tag>
        ))}
      </Space>
      <Form form={form} layout="vertical" onFinish={(v) => void change({ grant: [v] })}>
        <RoleFields />
        <Button htmlType="submit" type="primary">
          {t('accounts.grant')}
        </Button>
      </Form>
      <ErrorAlert error={error} />
    </Modal>
  );
}

function RowActions({ account, changed }: { account: Account; changed: () => void }) {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const [roles, setRoles] = useState(false);
  const run = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      message.success(done);
      changed();
    } catch (e) {
      modal.error({ title: t('error.title'), content: <ErrorAlert error={e} /> });
    }
  };
  const active = account.status === 'active';
  return (
    <Space wrap>
      <Popconfirm
        title={t(active ? 'accounts.disableAsk' : 'accounts.enableAsk')}
        onConfirm={() =>
          run(
            () => (active ? accounts.disable(account.id) : accounts.enable(account.id)),
            t(active ? 'accounts.disabledDone' : 'accounts.enabledDone'),
          )
        }
      >
        <Button size="small">{t(active ? 'accounts.disable' : 'accounts.enable')}</Button>
      </Popconfirm>
      <Popconfirm
        title={t('accounts.resetAsk')}
        onConfirm={async () => {
          try {
            const r = await accounts.resetPassword(account.id);
            showPassword(modal, t('accounts.resetDone', { username: account.username }), r.oneTimePassword);
          } catch (e) {
            modal.error({ title: t('error.title'), content: <ErrorAlert error={e} /> });
          }
        }}
      >
        <Button size="small">{t('accounts.reset')}</Button>
      </Popconfirm>
      <Button size="small" onClick={() => setRoles(true)}>
        {t('accounts.editRoles')}
      </Button>
      {roles && (
        <RolesModal
          account={account}
          onClose={(c) => {
            setRoles(false);
            if (c) changed();
          }}
        />
      )}
    </Space>
  );
}

export default function Accounts() {
  const { t } = useI18n();
  const [q, setQ] = useState<string>();
  const [version, setVersion] = useState(0);
  const [issuing, setIssuing] = useState(false);
  const changed = () => setVersion((v) => v + 1);
  return (
    <>
      <Typography.Title level={2}>{t('accounts.title')}</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          placeholder={t('accounts.filter')}
          aria-label={t('accounts.filter')}
          allowClear
          style={{ width: 360 }}
          onSearch={(v) => setQ(v.trim() || undefined)}
        />
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setIssuing(true)}>
          {t('accounts.issue')}
        </Button>
      </Space>
      {issuing && (
        <IssueModal
          onClose={(c) => {
            setIssuing(false);
            if (c) changed();
          }}
        />
      )}
      <CursorTable<Account>
        key={`${q ?? ''}:${version}`}
        load={async (after) => {
          const page = await admin.accounts(q, after);
          return { items: page.items, nextCursor: page.nextAfter };
        }}
        columns={[
          { title: t('accounts.username'), dataIndex: 'username' },
          { title: t('accounts.displayName'), dataIndex: 'displayName' },
          { title: t('accounts.homeUnit'), dataIndex: 'homeUnitName' },
          {
            title: t('accounts.roles'),
            dataIndex: 'roles',
            render: (roles: Account['roles']) => (
              <Space wrap>
                {roles.map((r) => (
                  <Tag key={r.id}>
                    {label(t, 'role', r.role)} — {r.unitName}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('accounts.status'),
            dataIndex: 'status',
            render: (s: string) => (
              <Tag color={s === 'active' ? 'green' : 'red'}>
                {t(s === 'active' ? 'accounts.active' : 'accounts.disabled')}
              </Tag>
            ),
          },
          { title: t('accounts.mfa'), dataIndex: 'mfaEnrolled', render: (v: boolean) => t(v ? 'yes' : 'no') },
          { title: t('accounts.actions'), render: (_, a) => <RowActions account={a} changed={changed} /> },
        ]}
      />
    </>
  );
}
