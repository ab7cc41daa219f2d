// The unit tree of the account's scope (dated: as of any day), and for the unit picked its staffing
// quotas per year and its job positions with planned and filled counts. TODO(admins): restructuring
// operations (merge, split, rename, move) from /api/v1/org-restructurings.
import { useMemo, useState } from 'react';
import {
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Row,
  Table,
  Tree,
  Typography,
  type TreeDataNode,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { Link } from 'react-router';
import { org, type JobPosition, type TreeNode } from '../api/endpoints.ts';
import { homeScope } from '../auth/roles.ts';
import { useMe } from '../auth/session.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { fmtDate } from '../components/format.ts';
import { useLoad } from '../components/useLoad.ts';
import { useI18n, type T } from '../i18n/index.tsx';

function toTree(nodes: TreeNode[]): TreeDataNode[] {
  const byParent = new Map<number | null, TreeNode[]>();
  for (const n of nodes) byParent.set(n.parentId, [...(byParent.get(n.parentId) ?? []), n]);
  const ids = new Set(nodes.map((n) => n.id));
  const build = (n: TreeNode): TreeDataNode => ({
    key: n.id,
    title: `${n.name} (${n.code})`,
    children: (byParent.get(n.id) ?? []).map(build),
  });
  return nodes.filter((n) => n.parentId === null || !ids.has(n.parentId)).map(build);
}

function UnitDetail({ id, t }: { id: number; t: T }) {
  const { data, error } = useLoad(() => Promise.all([org.unit(id), org.quotas(id), org.positions(id)]), [id]);
  if (error) return <ErrorAlert error={error} />;
  if (!data) return null;
  const [unit, quotas, positions] = data;
  return (
    <>
      <Descriptions title={unit.name} size="small" bordered column={1}>
        <Descriptions.Item label={t('org.code')}>{unit.code}</Descriptions.Item>
        <Descriptions.Item label={t('org.kind')}>{unit.kind}</Descriptions.Item>
        <Descriptions.Item label={t('org.validFrom')}>{fmtDate(unit.validFrom)}</Descriptions.Item>
        <Descriptions.Item label={t('org.validTo')}>{fmtDate(unit.validTo)}</Descriptions.Item>
      </Descriptions>
      <Link to={`/records?unitId=${unit.id}`}>{t('org.people')}</Link>
      <Typography.Title level={4}>{t('org.quotas')}</Typography.Title>
      <Table
        rowKey="year"
        size="small"
        pagination={false}
        dataSource={quotas}
        columns={[
          { title: t('org.year'), dataIndex: 'year' },
          { title: t('overview.quotaCivil'), dataIndex: 'civilServants' },
          { title: t('overview.quotaPublic'), dataIndex: 'publicEmployees' },
          { title: t('overview.quotaContract'), dataIndex: 'contractWorkers' },
          { title: t('org.decisionNo'), dataIndex: 'decisionNo' },
        ]}
      />
      <Typography.Title level={4}>{t('org.positions')}</Typography.Title>
      <Table<JobPosition>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={positions}
        columns={[
          { title: t('org.code'), dataIndex: 'code' },
          { title: t('org.positionName'), dataIndex: 'name' },
          { title: t('org.requiredRank'), dataIndex: 'requiredRankCode' },
          { title: t('org.planned'), dataIndex: 'plannedCount' },
          { title: t('org.filled'), dataIndex: 'filledCount' },
        ]}
      />
    </>
  );
}

export default function OrgTree() {
  const { t } = useI18n();
  const me = useMe();
  const scope = homeScope(me);
  const [asOf, setAsOf] = useState<string>();
  const [picked, setPicked] = useState<number>();
  const { data, error } = useLoad(
    () => (scope ? org.tree(scope.unitId, asOf, 3) : Promise.resolve([])),
    [scope?.unitId, asOf],
  );
  const tree = useMemo(() => toTree(data ?? []), [data]);
  return (
    <>
      <Typography.Title level={2}>{t('org.title')}</Typography.Title>
      <label>
        {t('org.asOf')}{' '}
        <DatePicker
          format="DD/MM/YYYY"
          onChange={(d: Dayjs | null) => setAsOf(d ? d.format('YYYY-MM-DD') : undefined)}
        />
      </label>
      <ErrorAlert error={error} />
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col xs={24} lg={10}>
          <Card>
            {tree.length > 0 && (
              <Tree
                treeData={tree}
                defaultExpandedKeys={tree.map((n) => n.key)}
                onSelect={(keys) => keys[0] !== undefined && setPicked(Number(keys[0]))}
                height={600}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card>
            {picked ? <UnitDetail key={picked} id={picked} t={t} /> : <Empty description={t('org.pick')} />}
          </Card>
        </Col>
      </Row>
    </>
  );
}
