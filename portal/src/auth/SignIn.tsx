// Sign-in in the steps the server asks for: password → (first sign-in) new password → TOTP enrolment
// (QR code and secret) or TOTP entry → active. Each step's answer says which step comes next.
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Form, Input, QRCode, Space, Typography } from 'antd';
import { auth } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useSession } from './session.tsx';

function Frame({ title, children }: { title: string; children: ReactNode }) {
  const { t, lang, setLang } = useI18n();
  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f5f5f5' }}>
      <Card style={{ width: 420, maxWidth: '95vw' }}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('appSubtitle')}</Typography.Text>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {title}
          </Typography.Title>
          {children}
          <Button type="link" onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}>
            {t('switchLanguage')}
          </Button>
        </Space>
      </Card>
    </main>
  );
}

/** Runs one step; errors stay on the form. */
function useStep() {
  const { advance } = useSession();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const run = async (step: () => ReturnType<typeof auth.login>) => {
    setBusy(true);
    setError(undefined);
    try {
      await advance(await step());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run };
}

function PasswordStep() {
  const { t } = useI18n();
  const { expired } = useSession();
  const { error, busy, run } = useStep();
  return (
    <Frame title={t('signIn.title')}>
      {expired && <Alert type="warning" showIcon title={t('signIn.expired')} data-testid="expired" />}
      <ErrorAlert error={error} />
      <Form
        layout="vertical"
        onFinish={(v: { username: string; password: string }) =>
          run(() => auth.login(v.username.trim(), v.password))
        }
      >
        <Form.Item
          name="username"
          label={t('signIn.username')}
          rules={[{ required: true, message: t('required') }]}
        >
          <Input autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('signIn.password')}
          rules={[{ required: true, message: t('required') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} block>
          {t('signIn.submit')}
        </Button>
      </Form>
    </Frame>
  );
}

function ChangePasswordStep() {
  const { t } = useI18n();
  const { error, busy, run } = useStep();
  return (
    <Frame title={t('signIn.changeTitle')}>
      <Typography.Paragraph>{t('signIn.changeHint')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      <Form
        layout="vertical"
        onFinish={(v: { current: string; next: string }) => run(() => auth.changePassword(v.current, v.next))}
      >
        <Form.Item
          name="current"
          label={t('signIn.currentPassword')}
          rules={[{ required: true, message: t('required') }]}
        >
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item
          name="next"
          label={t('signIn.newPassword')}
          rules={[{ required: true, message: t('required') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="repeat"
          label={t('signIn.confirmPassword')}
          dependencies={['next']}
          rules={[
            { required: true, message: t('required') },
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                v === getFieldValue('next')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('signIn.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} block>
          {t('signIn.changeSubmit')}
        </Button>
      </Form>
    </Frame>
  );
}

function CodeForm({ submit, label, busy }: { submit: (code: string) => void; label: string; busy: boolean }) {
  const { t } = useI18n();
  return (
    <Form layout="vertical" onFinish={(v: { code: string }) => submit(v.code.trim())}>
      <Form.Item
        name="code"
        label={t('signIn.code')}
        rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('signIn.codeInvalid') }]}
      >
        <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} autoFocus />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} block>
        {label}
      </Button>
    </Form>
  );
}

function EnrolStep() {
  const { t } = useI18n();
  const { error, busy, run } = useStep();
  const [enrolment, setEnrolment] = useState<{ secret: string; otpauthUri: string }>();
  const [enrolError, setEnrolError] = useState<unknown>();
  useEffect(() => {
    auth.enrol().then(setEnrolment, setEnrolError);
  }, []);
  return (
    <Frame title={t('signIn.enrolTitle')}>
      <Typography.Paragraph>{t('signIn.enrolHint')}</Typography.Paragraph>
      <ErrorAlert error={enrolError ?? error} />
      {enrolment && (
        <Space orientation="vertical" align="center" style={{ width: '100%' }}>
          <QRCode value={enrolment.otpauthUri} size={180} />
          <Typography.Text>
            {t('signIn.secret')}:{' '}
            <Typography.Text code copyable data-testid="totp-secret">
              {enrolment.secret}
            </Typography.Text>
          </Typography.Text>
        </Space>
      )}
      <CodeForm busy={busy} label={t('signIn.enrolSubmit')} submit={(c) => run(() => auth.confirm(c))} />
    </Frame>
  );
}

function MfaStep() {
  const { t } = useI18n();
  const { error, busy, run } = useStep();
  return (
    <Frame title={t('signIn.mfaTitle')}>
      <Typography.Paragraph>{t('signIn.mfaHint')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      <CodeForm busy={busy} label={t('signIn.mfaSubmit')} submit={(c) => run(() => auth.mfa(c))} />
    </Frame>
  );
}

export function SignIn() {
  const { status, state } = useSession();
  if (status !== 'pending' || !state) return <PasswordStep />;
  switch (state.stage) {
    case 'password':
      return <ChangePasswordStep />;
    case 'mfa_enrol':
      return <EnrolStep />;
    case 'mfa':
      return <MfaStep />;
    default:
      return <PasswordStep />;
  }
}
