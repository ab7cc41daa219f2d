// The columns both sides of a consent share: purpose, groups, period, status, when it was asked.
import { Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Consent } from '../api/endpoints.ts';
import type { Lang, T } from '../i18n/index.tsx';
import { label } from '../i18n/index.tsx';
import { fmtDate, fmtDateTime } from './format.ts';

const COLORS: Record<Consent['status'], string> = {
  pending: 'gold',
  granted: 'green',
  refused: 'red',
  revoked: 'volcano',
  expired: 'default',
};

export function consentColumns(t: T, lang: Lang): TableColumnsType<Consent> {
  return [
    { title: t('consent.purpose'), dataIndex: 'purpose' },
    {
      title: t('consent.groups'),
      dataIndex: 'groups',
      render: (gs: string[]) => gs.map((g) => <Tag key={g}>{label(t, 'group', g)}</Tag>),
    },
    {
      title: t('consent.period'),
      key: 'period',
      render: (_, c) => `${fmtDate(c.validFrom)} – ${fmtDate(c.validUntil)}`,
    },
    {
      title: t('col.status'),
      dataIndex: 'status',
      render: (s: Consent['status']) => <Tag color={COLORS[s]}>{t(`consent.${s}`)}</Tag>,
    },
    {
      title: t('consent.requestedAt'),
      dataIndex: 'requestedAt',
      render: (v: string) => fmtDateTime(v, lang),
    },
  ];
}
