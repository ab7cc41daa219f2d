// PAdES signatures as incremental updates: each signature appends a new revision (signature dictionary,
// an invisible signature field, the updated AcroForm and page) with its own cross-reference section,
// so earlier signatures keep covering exactly the bytes they signed. The CMS inside is detached,
// SHA-256, with signing-certificate-v2 and no signing-time attribute (PAdES baseline: the time is /M).
import { createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, type PDFObject } from 'pdf-lib';
import { signDigestCms, type Signer } from '../signing/index.ts';

/** Room reserved for the CMS (bytes); two certificates and an RSA signature take about 3 KB. */
const CONTENTS_BYTES = 8192;
const BYTE_RANGE_PLACEHOLDER = '/ByteRange [0 0000000000 0000000000 0000000000]';

export interface PdfSignOptions {
  /** Unique field name per signature, e.g. "Sig1-Person". */
  fieldName: string;
  /** Shown as the signer's name (/Name). */
  name: string;
  reason: string;
  location: string;
  signedAt: Date;
}

function pdfText(s: string): string {
  const units = Buffer.from(s, 'utf16le').swap16();
  return `<FEFF${units.toString('hex').toUpperCase()}>`;
}

export function pdfDate(d: Date): string {
  const iso = d.toISOString(); // 2026-11-27T03:16:00.000Z
  return `(D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}+00'00')`;
}

function lastStartXref(pdf: Uint8Array): number {
  const tail = Buffer.from(pdf.subarray(Math.max(0, pdf.length - 1024))).toString('latin1');
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!m) throw new Error('PDF: no startxref at the end');
  return Number(m[1]);
}

interface Revision {
  objects: { ref: PDFRef; body: string }[];
}

/** Adds the field and the signature dictionary; returns the objects of the new revision. */
function buildRevision(doc: PDFDocument, opts: PdfSignOptions): Revision {
  const ctx = doc.context;
  const page = doc.getPage(0);
  const sigRef = ctx.nextRef();
  const widgetRef = ctx.nextRef();
  const objects: Revision['objects'] = [];
  const sig =
    `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached ${BYTE_RANGE_PLACEHOLDER} ` +
    `/Contents <${'0'.repeat(CONTENTS_BYTES * 2)}> /M ${pdfDate(opts.signedAt)} /Name ${pdfText(opts.name)} ` +
    `/Reason ${pdfText(opts.reason)} /Location ${pdfText(opts.location)} >>`;
  objects.push({ ref: sigRef, body: sig });
  const widget =
    `<< /Type /Annot /Subtype /Widget /FT /Sig /T ${pdfText(opts.fieldName)} /V ${sigRef.toString()} ` +
    `/F 132 /Rect [0 0 0 0] /P ${page.ref.toString()} >>`;
  objects.push({ ref: widgetRef, body: widget });

  const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
  const newAnnots = PDFArray.withContext(ctx);
  for (const a of annots?.asArray() ?? []) newAnnots.push(a);
  newAnnots.push(widgetRef);
  page.node.set(PDFName.of('Annots'), newAnnots);
  objects.push({ ref: page.ref, body: page.node.toString() });

  const catalogRef = ctx.trailerInfo.Root as PDFRef;
  const acroEntry: PDFObject | undefined = doc.catalog.get(PDFName.of('AcroForm'));
  const acroRef = acroEntry instanceof PDFRef ? acroEntry : ctx.nextRef();
  const acro = (acroEntry instanceof PDFRef ? ctx.lookup(acroEntry, PDFDict) : acroEntry) as
    PDFDict | undefined;
  const fields = PDFArray.withContext(ctx);
  for (const f of acro?.lookupMaybe(PDFName.of('Fields'), PDFArray)?.asArray() ?? []) fields.push(f);
  fields.push(widgetRef);
  const newAcro = acro ?? ctx.obj({});
  newAcro.set(PDFName.of('Fields'), fields);
  newAcro.set(PDFName.of('SigFlags'), ctx.obj(3));
  objects.push({ ref: acroRef, body: newAcro.toString() });
  if (!(acroEntry instanceof PDFRef)) {
    doc.catalog.set(PDFName.of('AcroForm'), acroRef);
    objects.push({ ref: catalogRef, body: doc.catalog.toString() });
  }
  return { objects };
}

function appendRevision(pdf: Uint8Array, doc: PDFDocument, rev: Revision): Buffer {
  const prev = lastStartXref(pdf);
  const parts: string[] = ['\n'];
  let offset = pdf.length + 1;
  const entries: { num: number; gen: number; offset: number }[] = [];
  for (const o of rev.objects) {
    const text = `${o.ref.objectNumber} ${o.ref.generationNumber} obj\n${o.body}\nendobj\n`;
    entries.push({ num: o.ref.objectNumber, gen: o.ref.generationNumber, offset });
    parts.push(text);
    offset += Buffer.byteLength(text, 'latin1');
  }
  entries.sort((a, b) => a.num - b.num);
  let xref = 'xref\n';
  for (const e of entries) {
    xref += `${e.num} 1\n${String(e.offset).padStart(10, '0')} ${String(e.gen).padStart(5, '0')} n \n`;
  }
  const t = doc.context.trailerInfo;
  const extra = [t.Info ? `/Info ${t.Info.toString()}` : '', t.ID ? `/ID ${t.ID.toString()}` : ''].join(' ');
  const size = doc.context.largestObjectNumber + 1;
  xref += `trailer\n<< /Size ${size} /Root ${(t.Root as PDFRef).toString()} ${extra} /Prev ${prev} >>\n`;
  xref += `startxref\n${offset}\n%%EOF\n`;
  parts.push(xref);
  return Buffer.concat([Buffer.from(pdf), Buffer.from(parts.join(''), 'latin1')]);
}

/** Appends one PAdES signature by `signer` to the PDF (which must use a classic xref table). */
export async function signPdf(pdf: Uint8Array, signer: Signer, opts: PdfSignOptions): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const out = appendRevision(pdf, doc, buildRevision(doc, opts));
  const start = out.lastIndexOf(BYTE_RANGE_PLACEHOLDER);
  const contentsAt = out.indexOf('/Contents <', start) + '/Contents '.length;
  const contentsEnd = contentsAt + CONTENTS_BYTES * 2 + 2;
  const range = [0, contentsAt, contentsEnd, out.length - contentsEnd];
  const rangeText = `/ByteRange [${range.join(' ')}]`.padEnd(BYTE_RANGE_PLACEHOLDER.length, ' ');
  out.write(rangeText, start, 'latin1');
  const digest = createHash('sha256')
    .update(out.subarray(0, contentsAt))
    .update(out.subarray(contentsEnd))
    .digest();
  const cms = await signDigestCms(signer, new Uint8Array(digest));
  if (cms.length > CONTENTS_BYTES) throw new Error('PDF signature: CMS larger than the reserved space');
  out.write(Buffer.from(cms).toString('hex').toUpperCase(), contentsAt + 1, 'latin1');
  return new Uint8Array(out);
}
