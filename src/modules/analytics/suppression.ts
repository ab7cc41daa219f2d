// Statistical disclosure control for published tables. Hiding the cells under the threshold is not
// enough: when a table also shows a total, a single hidden cell of it is the total minus the others.
// So every published relation "total = sum of its parts" must hide none or at least two of its cells.

/**
 * Which cells to hide: those with 0 < n < min (primary), then, until no relation has exactly one
 * hidden cell, the smallest visible non-zero cell of such a relation (secondary). `relations` lists
 * the indexes of cells bound by a published sum, the total included.
 */
export function suppressionMask(
  values: readonly number[],
  relations: readonly number[][],
  min: number,
): boolean[] {
  const hidden = values.map((n) => n > 0 && n < min);
  const smallest = (ids: number[]) =>
    ids.reduce<number | undefined>(
      (best, i) => (best === undefined || values[i]! < values[best]! ? i : best),
      undefined,
    );
  for (let changed = true; changed;) {
    changed = false;
    for (const rel of relations) {
      if (rel.filter((i) => hidden[i]).length !== 1) continue;
      const visible = rel.filter((i) => !hidden[i]);
      const pick = smallest(visible.filter((i) => values[i]! > 0)) ?? smallest(visible);
      if (pick === undefined) continue;
      hidden[pick] = true;
      changed = true;
    }
  }
  return hidden;
}
