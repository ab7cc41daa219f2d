// A small streaming RFC 4180 parser: quoted fields may hold commas, quotes ("") and line breaks; a
// UTF-8 byte-order mark is dropped; CRLF and LF both end a record. It yields one record at a time,
// so a file of any size is read in constant memory.
import { StringDecoder } from 'node:string_decoder';

export interface CsvRecord {
  /** 1-based record number (the header is record 1), as a spreadsheet shows the row. */
  row: number;
  fields: string[];
}

export async function* parseCsv(input: AsyncIterable<Buffer | string>): AsyncGenerator<CsvRecord> {
  const decoder = new StringDecoder('utf8');
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  let afterQuote = false;
  let first = true;
  let row = 0;
  const pending: CsvRecord[] = [];
  const endRecord = () => {
    fields.push(field);
    pending.push({ row: ++row, fields });
    fields = [];
    field = '';
    afterQuote = false;
  };
  /** Consumes text; returns how many characters it left for the next chunk (a quote or CR needing a look-ahead). */
  const feed = (text: string, final: boolean): number => {
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      const atEnd = i + 1 === text.length;
      if (quoted) {
        if (ch !== '"') field += ch;
        else if (atEnd && !final) return 1;
        else if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
          afterQuote = true;
        }
        continue;
      }
      if (ch === '"' && field === '' && !afterQuote) quoted = true;
      else if (ch === ',') {
        fields.push(field);
        field = '';
        afterQuote = false;
      } else if (ch === '\n') endRecord();
      else if (ch === '\r') {
        if (atEnd && !final) return 1;
        if (text[i + 1] === '\n') continue;
        endRecord();
      } else field += ch;
    }
    return 0;
  };
  let carry = '';
  for await (const chunk of input) {
    let text = carry + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
    if (first) {
      if (text.length === 0) continue;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    const left = feed(text, false);
    carry = left ? text.slice(-left) : '';
    yield* pending.splice(0);
  }
  feed(carry + decoder.end(), true);
  if (field !== '' || fields.length > 0 || quoted) endRecord();
  yield* pending.splice(0);
}
