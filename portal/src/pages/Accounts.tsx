// Accounts in the administrator's scope with their roles. TODO: issue, disable, reset and change
// roles (the API has them: /api/v1/accounts/…) as actions on each row.
import { useState } from 'react';
import { Input, Space, Tag, Typography } from 'antd';
import type { Account } from '../../../api/accounts.ts';
import { admin } from '../api/endpoints.ts';
import { CursorTable } from '../components/CursorTable.tsx';
import { label, useI18n } from '../i18n/index.tsx';

export default function Accounts() {
  const { t } = useI18n();
  const [q, setQ] = useState<string>();
  return (
    <>
      <Typography.Title level={2}>{t('accounts.title')}</Typography.Title>
      <Input.Search
        placeholder={t('accounts.filter')}
        aria-label={t('accounts.filter')}
        allowClear
        style={{ width: 360, marginBottom: 12 }}
        onSearch={(v) => setQ(v.trim() || undefined)}
      />
      <CursorTable<Account>
        key={q ?? ''}
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
        ]}
      />
    </>
  );
}
