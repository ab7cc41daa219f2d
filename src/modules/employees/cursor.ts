// Keyset page cursors over (sort_key, id): opaque to clients, checked when they come back.
import { invalid } from '../../platform/errors.ts';

export interface PageKey {
  sortKey: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const encodeCursor = (k: PageKey): string =>
  Buffer.from(JSON.stringify([k.sortKey, k.id])).toString('base64url');

/** The page key a cursor names; a 400 (INVALID_CURSOR) for anything not made by encodeCursor. */
export function decodeCursor(cursor: string): PageKey {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(v) &&
      typeof v[0] === 'string' &&
      typeof v[1] === 'string' &&
      UUID.test(v[1]) &&
      !v[0].includes('\u0000')
    )
      return { sortKey: v[0], id: v[1] };
  } catch {
    // fall through to the error below
  }
  throw invalid('querystring/cursor', 'Con trỏ phân trang không hợp lệ', 'INVALID_CURSOR');
}
