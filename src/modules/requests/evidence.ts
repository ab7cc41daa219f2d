// Evidence files attached to a change request: decoded, size-limited, checked to be what they claim
// (by their first bytes), hashed. Kept in the database beside the request so a backup holds them.
import { createHash } from 'node:crypto';
import { invalid } from '../../platform/errors.ts';

export const MAX_FILE_BYTES = 5 * 1024 * 1024;

const MAGIC: Record<string, number[]> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46],
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47],
};

export interface Evidence {
  name: string;
  media_type: string;
  size: number;
  sha256: string;
  content: Buffer;
}

export function decodeFiles(
  files: { name: string; mediaType: string; contentBase64: string }[] | undefined,
): Evidence[] {
  return (files ?? []).map((f, i) => {
    const content = Buffer.from(f.contentBase64, 'base64');
    const field = `/files/${i}/contentBase64`;
    if (content.length > MAX_FILE_BYTES) throw invalid(field, 'Tệp đính kèm vượt quá 5 MB');
    const magic = MAGIC[f.mediaType] ?? [];
    if (!magic.every((b, k) => content[k] === b))
      throw invalid(field, `Nội dung tệp không phải ${f.mediaType}`);
    return {
      name: f.name,
      media_type: f.mediaType,
      size: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
      content,
    };
  });
}
