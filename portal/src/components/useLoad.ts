// Loads data for a page: the value, the error (shown by ErrorAlert), and a reload.
import { useCallback, useEffect, useState, type DependencyList } from 'react';

export function useLoad<T>(load: () => Promise<T>, deps: DependencyList) {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(undefined);
    load().then(
      (v) => live && (setData(v), setLoading(false)),
      (e: unknown) => live && (setError(e), setData(undefined), setLoading(false)),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}
