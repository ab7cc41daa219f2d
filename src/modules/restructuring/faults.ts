// A seam for the crash tests: a hook called between the steps of an operation, which a test sets to
// throw mid-way and prove that nothing of the operation remains. Never set outside tests.
type Hook = (step: string) => void | Promise<void>;
let hook: Hook | null = null;

export function setFaultHook(h: Hook | null): void {
  hook = h;
}

export async function fault(step: string): Promise<void> {
  if (hook) await hook(step);
}
