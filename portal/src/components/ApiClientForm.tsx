// Registering or changing an API client of another information system (issue 9): who it is, how it
// authenticates (a secret shown once, or its own key pair: the public key pasted as JWK or PEM), which
// calls (scopes), which fields of the e-record, which org subtrees and which declared purposes it may
// use, and its rate limit. The choices come from GET /api-clients/catalog, the units from the tree;
// the API's refusals appear under the fields they name.
import { useState } from 'react';
import { Button, Checkbox, Drawer, Form, Input, InputNumber, Radio, Select, Space, Tag } from 'antd';
import { clientAdmin, type ApiClientUpdate, type NewApiClient, type SharingCatalog } from '../api/admin.ts';
import type { ApiClient, ApiClientWithSecret } from '../api/exchange.ts';
import { useI18n } from '../i18n/index.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';
import { showFieldErrors } from './apiFieldErrors.ts';
import { KeyError, parsePublicKey } from './publicKey.ts';
import { useLoad } from './useLoad.ts';
import { useUnitOptions } from './useUnitOptions.ts';

type AuthMethod = NewApiClient['authMethod'];

interface Values {
  name: string;
  ownerBody: string;
  contact: string;
  authMethod: AuthMethod;
  publicKey?: string;
  scopes: string[];
  fields: string[];
  orgUnitIds: number[];
  purposes: string[];
  ratePerMinute: number;
}

/** API field → form field, for the refusals the API names by field. */
const FIELD_OF = {
  name: 'name',
  ownerBody: 'ownerBody',
  contact: 'contact',
  authMethod: 'authMethod',
  publicJwk: 'publicKey',
  scopes: 'scopes',
  fields: 'fields',
  orgUnitIds: 'orgUnitIds',
  purposes: 'purposes',
  ratePerMinute: 'ratePerMinute',
};

const sameSet = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

/** Only what changed, so that the audit trail says what the administrator changed. */
function changes(c: ApiClient, v: Values, publicJwk: NewApiClient['publicJwk']): ApiClientUpdate {
  const out: ApiClientUpdate = {};
  if (v.name.trim() !== c.name) out.name = v.name.trim();
  if (v.ownerBody.trim() !== c.ownerBody) out.ownerBody = v.ownerBody.trim();
  if (v.contact.trim() !== c.contact) out.contact = v.contact.trim();
  if (publicJwk) out.publicJwk = publicJwk;
  if (!sameSet(v.scopes, c.scopes)) out.scopes = v.scopes as ApiClientUpdate['scopes'];
  if (!sameSet(v.fields, c.fields)) out.fields = v.fields;
  if (!sameSet(v.orgUnitIds, c.orgUnitIds)) out.orgUnitIds = v.orgUnitIds;
  if (!sameSet(v.purposes, c.purposes)) out.purposes = v.purposes;
  if (v.ratePerMinute !== c.ratePerMinute) out.ratePerMinute = v.ratePerMinute;
  return out;
}

function initialOf(c: ApiClient | undefined): Partial<Values> {
  if (!c) return { authMethod: 'client_secret', ratePerMinute: 60, scopes: ['employees.read'] };
  return {
    name: c.name,
    ownerBody: c.ownerBody,
    contact: c.contact,
    authMethod: c.authMethod,
    scopes: c.scopes,
    fields: c.fields,
    orgUnitIds: c.orgUnitIds,
    purposes: c.purposes,
    ratePerMinute: c.ratePerMinute,
  };
}

function GrantFields({ catalog }: { catalog: SharingCatalog | undefined }) {
  const { t, lang } = useI18n();
  const units = useUnitOptions();
  const req = [{ required: true, message: t('required') }];
  return (
    <>
      <Form.Item name="scopes" label={t('clients.scopes')} rules={req}>
        <Checkbox.Group role="group" aria-label={t('clients.scopes')}>
          <Space orientation="vertical">
            {(catalog?.scopes ?? []).map((s) => (
              <Checkbox key={s.code} value={s.code}>
                {s.label} <Tag>{s.code}</Tag>
              </Checkbox>
            ))}
          </Space>
        </Checkbox.Group>
      </Form.Item>
      <Form.Item name="fields" label={t('clients.fields')} extra={t('clients.fieldsHint')} rules={req}>
        <Select
          mode="multiple"
          showSearch={{ optionFilterProp: 'label' }}
          options={(catalog?.fields ?? []).map((f) => ({
            value: f.path,
            label: `${f.label} (${f.path})${f.sensitive ? ` — ${t('clients.sensitive')}` : ''}`,
          }))}
        />
      </Form.Item>
      <Form.Item name="orgUnitIds" label={t('clients.orgScope')} rules={req}>
        <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={units} />
      </Form.Item>
      <Form.Item name="purposes" label={t('clients.purposes')} rules={req}>
        <Select
          mode="multiple"
          showSearch={{ optionFilterProp: 'label' }}
          options={(catalog?.purposes ?? []).map((p) => ({
            value: p.code,
            label: lang === 'en' ? p.labelEn : p.label,
          }))}
        />
      </Form.Item>
      <Form.Item name="ratePerMinute" label={t('clients.ratePerMinute')} rules={req}>
        <InputNumber min={1} max={6000} />
      </Form.Item>
    </>
  );
}

export function ApiClientForm({
  client,
  onClose,
  onCreated,
  onSaved,
}: {
  /** The client to change; none: a new one. */
  client?: ApiClient;
  onClose: () => void;
  onCreated: (r: ApiClientWithSecret) => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const authMethod = Form.useWatch('authMethod', form) ?? client?.authMethod;
  const catalog = useLoad(() => clientAdmin.catalog(), []);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const req = [{ required: true, message: t('required') }];
  const jwt = authMethod === 'private_key_jwt';

  const keyOf = async (v: Values) => {
    if (!jwt || !v.publicKey?.trim()) return undefined;
    try {
      return await parsePublicKey(v.publicKey);
    } catch (e) {
      const why = e instanceof KeyError ? e.problem : 'pem';
      form.setFields([{ name: 'publicKey', errors: [t(`clients.keyError.${why}`)] }]);
      return null;
    }
  };

  const submit = async (v: Values) => {
    setError(undefined);
    const publicJwk = await keyOf(v);
    if (publicJwk === null) return;
    setBusy(true);
    try {
      if (client) {
        const body = changes(client, v, publicJwk);
        if (Object.keys(body).length) await clientAdmin.update(client.id, body);
        onSaved();
      } else {
        const { publicKey: _p, ...rest } = v;
        const trimmed = {
          ...rest,
          name: v.name.trim(),
          ownerBody: v.ownerBody.trim(),
          contact: v.contact.trim(),
        };
        onCreated(
          await clientAdmin.create({
            ...(trimmed as NewApiClient),
            ...(publicJwk ? { publicJwk } : {}),
          }),
        );
      }
    } catch (e) {
      setError(e);
      showFieldErrors(form, e, FIELD_OF);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open
      size={640}
      title={client ? `${t('clients.edit')}: ${client.name}` : t('clients.new')}
      onClose={onClose}
      destroyOnHidden
    >
      <ErrorAlert error={catalog.error} onRetry={catalog.reload} />
      <Form<Values>
        form={form}
        name="api-client"
        layout="vertical"
        initialValues={initialOf(client)}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="name" label={t('clients.name')} rules={req}>
          <Input maxLength={200} placeholder={t('clients.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="ownerBody" label={t('clients.owner')} rules={req}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="contact" label={t('clients.contact')} rules={req}>
          <Input maxLength={300} placeholder={t('clients.contactPlaceholder')} />
        </Form.Item>
        <Form.Item name="authMethod" label={t('clients.authMethod')} rules={req}>
          <Radio.Group disabled={!!client} aria-label={t('clients.authMethod')}>
            <Space orientation="vertical">
              <Radio value="client_secret">{t('clients.auth.client_secret')}</Radio>
              <Radio value="private_key_jwt">{t('clients.auth.private_key_jwt')}</Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
        {jwt && (
          <Form.Item
            name="publicKey"
            label={t('clients.publicKey')}
            extra={t(client ? 'clients.publicKeyKeep' : 'clients.publicKeyHint')}
            rules={client ? [] : req}
          >
            <Input.TextArea rows={5} spellCheck={false} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        )}
        <GrantFields catalog={catalog.data} />
        <ErrorAlert error={error} />
        <Button
          type="primary"
          htmlType="submit"
          loading={busy}
          style={{ marginTop: 12 }}
          data-testid="client-submit"
        >
          {t(client ? 'save' : 'clients.register')}
        </Button>
      </Form>
    </Drawer>
  );
}
