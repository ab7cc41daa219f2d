// The units under the account's home scope as options of a searchable select (indented by depth).
import { org } from '../api/endpoints.ts';
import { homeScope } from '../auth/roles.ts';
import { useMe } from '../auth/session.tsx';
import { useLoad } from './useLoad.ts';

export function useUnitOptions(maxDepth = 4): { value: number; label: string }[] {
  const scope = homeScope(useMe());
  const rootId = scope?.unitId;
  const { data } = useLoad(
    () => (rootId ? org.tree(rootId, undefined, maxDepth) : Promise.resolve([])),
    [rootId, maxDepth],
  );
  return (data ?? []).map((u) => ({ value: u.id, label: `${'· '.repeat(u.depth)}${u.name} (${u.code})` }));
}
