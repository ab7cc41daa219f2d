// A split in several parts: each part a new unit (code, name, kind, parent) or an existing one, with the
// child units it takes
// and the people of the unit being split either all in part 1 or assigned one by one (a select per
// person). The people are those the server re-homes: active or on leave, working in the unit itself or
// managed by it (the other people of its child units move with their unit).
import { useEffect } from 'react';
import { Button, Checkbox, Form, Input, Radio, Select, Space, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { peopleOfUnit, type NewRestructuring } from '../api/admin.ts';
import type { EmployeeSummary } from '../api/endpoints.ts';
import { useI18n } from '../i18n/index.tsx';
import { fmtDate } from './format.ts';
import { useLoad } from './useLoad.ts';

type UnitKind = NonNullable<NewRestructuring['newUnit']>['kind'];
const UNIT_KINDS: UnitKind[] = [
  'central_body',
  'central_department',
  'province',
  'provincial_department',
  'district',
  'commune',
  'public_service_unit',
  'other',
];
/** A person's part when the source is kept: they stay in the source. */
const STAYS = -1;

export interface PartValues {
  /** A new unit (default), or an existing open unit that takes this part. */
  target?: 'new' | 'existing';
  targetId?: number;
  code: string;
  name: string;
  kind: UnitKind;
  parentId?: number;
  childUnitIds?: number[];
}

export interface PeopleValue {
  mode: 'all' | 'manual';
  /** Everyone of the unit, once loaded. */
  ids: string[];
  /** Manual mode: person → part index (STAYS: stays in the kept source); absent: part 1. */
  assign: Record<string, number>;
  loaded: boolean;
}

/** A person's part as shown and sent: a removed part's people fall to the last; "stays" needs keep. */
function partOf(people: PeopleValue | undefined, id: string, count: number, keep: boolean): number {
  const n = people?.mode === 'manual' ? (people.assign[id] ?? 0) : 0;
  if (n === STAYS) return keep ? STAYS : 0;
  return Math.min(n, count - 1);
}

/** The API's parts: new units, their child units and their people. */
export function splitParts(
  parts: PartValues[],
  people: PeopleValue | undefined,
  keep: boolean,
): NonNullable<NewRestructuring['parts']> {
  return parts.map((p, i) => ({
    ...(p.target === 'existing' && p.targetId
      ? { targetId: p.targetId }
      : {
          newUnit: {
            code: p.code.trim(),
            name: p.name.trim(),
            kind: p.kind,
            ...(p.parentId ? { parentId: p.parentId } : {}),
          },
        }),
    childUnitIds: p.childUnitIds ?? [],
    employeeIds: (people?.ids ?? []).filter((id) => partOf(people, id, parts.length, keep) === i),
  }));
}

function PeopleAssign({
  value,
  onChange,
  sourceId,
  partCount,
  keep,
}: {
  value?: PeopleValue;
  onChange?: (v: PeopleValue) => void;
  sourceId: number | undefined;
  partCount: number;
  keep: boolean;
}) {
  const { t } = useI18n();
  const { data, error, loading } = useLoad(
    () => (sourceId ? peopleOfUnit(sourceId) : Promise.resolve([])),
    [sourceId],
  );
  const mode = value?.mode ?? 'all';
  useEffect(() => {
    if (data) onChange?.({ mode, ids: data.map((p) => p.id), assign: {}, loaded: true });
    else onChange?.({ mode, ids: [], assign: {}, loaded: false });
    // onChange is a new function on each render of the form item; data decides.
  }, [data]);
  const set = (patch: Partial<PeopleValue>) =>
    onChange?.({ mode, ids: value?.ids ?? [], assign: value?.assign ?? {}, loaded: !!data, ...patch });
  const options = [
    ...Array.from({ length: partCount }, (_, i) => ({ value: i, label: t('restr.partN', { n: i + 1 }) })),
    ...(keep ? [{ value: STAYS, label: t('restr.stays') }] : []),
  ];
  return (
    <>
      <Radio.Group
        value={mode}
        aria-label={t('restr.people')}
        onChange={(e) => set({ mode: e.target.value as PeopleValue['mode'] })}
      >
        <Space orientation="vertical">
          <Radio value="all">{t('restr.peopleAll', { n: data?.length ?? 0 })}</Radio>
          <Radio value="manual">{t('restr.peopleManual')}</Radio>
        </Space>
      </Radio.Group>
      {error ? <Typography.Text type="danger">{t('restr.peopleError')}</Typography.Text> : null}
      {mode === 'manual' && (
        <Table<EmployeeSummary>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={data ?? []}
          data-testid="split-people"
          style={{ marginTop: 8 }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('analytics.fullName'), dataIndex: 'fullName' },
            { title: t('analytics.birthDate'), dataIndex: 'birthDate', render: (d: string) => fmtDate(d) },
            { title: t('analytics.position'), dataIndex: 'positionTitle' },
            {
              title: t('restr.partOf'),
              render: (_, p) => (
                <Select
                  aria-label={t('restr.partFor', { name: p.fullName })}
                  style={{ minWidth: 160 }}
                  value={partOf(value, p.id, partCount, keep)}
                  options={options}
                  onChange={(n: number) => set({ assign: { ...(value?.assign ?? {}), [p.id]: n } })}
                />
              ),
            },
          ]}
        />
      )}
    </>
  );
}

function Part({
  index,
  units,
  onRemove,
}: {
  index: number;
  units: { value: number; label: string }[];
  onRemove?: () => void;
}) {
  const { t } = useI18n();
  const req = [{ required: true, message: t('required') }];
  const pick = { options: units, showSearch: { optionFilterProp: 'label' } };
  const existing = Form.useWatch(['parts', index, 'target'], Form.useFormInstance()) === 'existing';
  return (
    <fieldset style={{ border: '1px solid #eee', padding: 12, marginBottom: 12 }}>
      <legend>{t('restr.partN', { n: index + 1 })}</legend>
      <Form.Item name={[index, 'target']} initialValue="new">
        <Radio.Group aria-label={t('restr.partTarget', { n: index + 1 })}>
          <Radio value="new">{t('restr.partNew')}</Radio>
          <Radio value="existing">{t('restr.partExisting')}</Radio>
        </Radio.Group>
      </Form.Item>
      {existing ? (
        <Form.Item name={[index, 'targetId']} label={t('restr.partTargetUnit')} rules={req}>
          <Select {...pick} />
        </Form.Item>
      ) : (
        <>
          <Form.Item name={[index, 'code']} label={t('restr.partCode')} rules={req}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name={[index, 'name']} label={t('restr.partName')} rules={req}>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name={[index, 'kind']} label={t('restr.partKind')} rules={req}>
            <Select options={UNIT_KINDS.map((k) => ({ value: k, label: t(`restr.unitKind.${k}`) }))} />
          </Form.Item>
          <Form.Item name={[index, 'parentId']} label={t('restr.partParent')}>
            <Select allowClear {...pick} />
          </Form.Item>
        </>
      )}
      <Form.Item name={[index, 'childUnitIds']} label={t('restr.partChildren')}>
        <Select mode="multiple" {...pick} />
      </Form.Item>
      {onRemove && (
        <Button icon={<DeleteOutlined />} onClick={onRemove}>
          {t('restr.removePart', { n: index + 1 })}
        </Button>
      )}
    </fieldset>
  );
}

export function SplitFields({ units }: { units: { value: number; label: string }[] }) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const sourceId = Form.useWatch<number | undefined>('sourceId', form);
  const parts = Form.useWatch<PartValues[] | undefined>('parts', form);
  const keep = Form.useWatch<boolean | undefined>('keepSource', form) === true;
  const req = [{ required: true, message: t('required') }];
  const peopleReady = {
    validator: (_: unknown, v: PeopleValue | undefined) =>
      v?.loaded ? Promise.resolve() : Promise.reject(new Error(t('restr.peopleLoading'))),
  };
  return (
    <>
      <Form.Item name="sourceId" label={t('restr.source')} rules={req}>
        <Select options={units} showSearch={{ optionFilterProp: 'label' }} />
      </Form.Item>
      <Form.Item name="keepSource" valuePropName="checked">
        <Checkbox>{t('restr.keepSource')}</Checkbox>
      </Form.Item>
      <Form.List name="parts" initialValue={[{}]}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Part
                key={f.key}
                index={f.name}
                units={units}
                onRemove={fields.length > 1 ? () => remove(f.name) : undefined}
              />
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({})} style={{ marginBottom: 16 }}>
              {t('restr.addPart')}
            </Button>
          </>
        )}
      </Form.List>
      <Form.Item name="people" label={t('restr.people')} rules={[peopleReady]}>
        <PeopleAssign sourceId={sourceId} partCount={Math.max(parts?.length ?? 1, 1)} keep={keep} />
      </Form.Item>
    </>
  );
}
