// Registering a ministry/province node at the national node (issue 9): its code (the NODE_CODE it
// signs with), the official code of the unit at the root of its subtree (NODE_SCOPE) and its Ed25519
// public key, printed on that node's server by `hoso node key`. The private key never leaves it.
import { useState } from 'react';
import { Alert, Button, Drawer, Form, Input, Select, Typography } from 'antd';
import { nodeAdmin } from '../api/admin.ts';
import { org } from '../api/endpoints.ts';
import { homeScope } from '../auth/roles.ts';
import { useMe } from '../auth/session.tsx';
import { useI18n } from '../i18n/index.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';
import { showFieldErrors } from './apiFieldErrors.ts';
import { useLoad } from './useLoad.ts';

interface Values {
  code: string;
  scopeCode: string;
  publicKey: string;
}

/** Ministries and provinces (and one level below): the roots a node may hold, chosen by their code. */
function useScopeOptions(): { value: string; label: string }[] {
  const rootId = homeScope(useMe())?.unitId;
  const { data } = useLoad(() => (rootId ? org.tree(rootId, undefined, 2) : Promise.resolve([])), [rootId]);
  return (data ?? [])
    .filter((u) => u.depth > 0)
    .map((u) => ({ value: u.code, label: `${'· '.repeat(u.depth - 1)}${u.name} (${u.code})` }));
}

export function RegisterNodeForm({
  onClose,
  onDone,
}: {
  onClose: () => void;
  onDone: (code: string) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const scopes = useScopeOptions();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const req = [{ required: true, message: t('required') }];
  const submit = async (v: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      const r = await nodeAdmin.register({
        code: v.code.trim(),
        scopeCode: v.scopeCode,
        publicKey: v.publicKey.replace(/\s+/g, ''),
      });
      onDone(r.code);
    } catch (e) {
      setError(e);
      showFieldErrors(form, e, { code: 'code', scopeCode: 'scopeCode', publicKey: 'publicKey' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer open size={600} title={t('nodes.register')} onClose={onClose} destroyOnHidden>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('nodes.keyWhere')}
        description={
          <>
            <Typography.Paragraph>{t('nodes.keyHow')}</Typography.Paragraph>
            <Typography.Paragraph code copyable>
              npx hoso node key
            </Typography.Paragraph>
            <Typography.Paragraph style={{ marginBottom: 0 }}>{t('nodes.keyPrivate')}</Typography.Paragraph>
          </>
        }
      />
      <Form<Values> form={form} name="node" layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="code"
          label={t('nodes.newCode')}
          extra={t('nodes.newCodeHint')}
          rules={[...req, { pattern: /^[A-Za-z0-9_.-]{1,40}$/, message: t('nodes.codePattern') }]}
        >
          <Input maxLength={40} placeholder="T08" />
        </Form.Item>
        <Form.Item name="scopeCode" label={t('nodes.scopeUnit')} extra={t('nodes.scopeHint')} rules={req}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={scopes} />
        </Form.Item>
        <Form.Item name="publicKey" label={t('nodes.publicKey')} extra={t('nodes.publicKeyHint')} rules={req}>
          <Input.TextArea rows={3} spellCheck={false} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <ErrorAlert error={error} />
        <Button type="primary" htmlType="submit" loading={busy} style={{ marginTop: 12 }}>
          {t('nodes.registerSubmit')}
        </Button>
      </Form>
    </Drawer>
  );
}
