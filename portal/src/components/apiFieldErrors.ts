// The API's refusals placed under the form fields they name: a detail's field is a JSON pointer
// ("/name", "/fields/2", "body/publicJwk/x"); its first segment is the form field. Fields the form
// does not have stay in the ErrorAlert above the form, which shows every detail anyway.
import type { FormInstance } from 'antd';
import { ApiError } from '../api/client.ts';

export function showFieldErrors(
  form: FormInstance,
  error: unknown,
  fieldOf: Record<string, string | (string | number)[]>,
): void {
  if (!(error instanceof ApiError)) return;
  const byField = new Map<string, string[]>();
  for (const d of error.details) {
    const head = d.field?.replace(/^body/, '').split('/').find(Boolean);
    if (!head || !(head in fieldOf)) continue;
    // A service refusal's reason is its Vietnamese message; a schema refusal's reason is the
    // validator's English: then the field shows the Vietnamese message (the alert shows both).
    const text = /[^ -~]/.test(d.reason) ? d.reason : error.message;
    byField.set(head, [...(byField.get(head) ?? []), text]);
  }
  form.setFields([...byField].map(([head, errors]) => ({ name: fieldOf[head]!, errors })));
}
