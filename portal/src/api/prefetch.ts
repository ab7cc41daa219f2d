// Data a page will ask for, asked for before the page renders (on a cold load the page's chunk, the
// session check and its first render would otherwise run one after the other before its first call).
// The page takes a prefetched answer once; every later load of it asks the server again.
const pending = new Map<string, Promise<unknown>>();

export function prefetch(key: string, load: () => Promise<unknown>): void {
  if (pending.has(key)) return;
  const p = load();
  p.catch(() => undefined); // the page sees the error when it takes the promise
  pending.set(key, p);
}

export function takeOr<T>(key: string, load: () => Promise<T>): Promise<T> {
  const p = pending.get(key) as Promise<T> | undefined;
  pending.delete(key);
  return p ?? load();
}
