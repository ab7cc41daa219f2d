// PDF building: pdfmake lays out the document with the Roboto fonts shipped in node_modules/pdfmake
// (they cover every Vietnamese diacritic; nothing is fetched at run time), then pdf-lib re-saves it with
// a classic cross-reference table and no object streams, the form the incremental signer appends to.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import pdfmake from 'pdfmake';
import { PDFDocument } from 'pdf-lib';

const require = createRequire(import.meta.url);
const FONT_DIR = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');

const FONTS = {
  normal: 'Roboto-Regular.ttf',
  bold: 'Roboto-Medium.ttf',
  italics: 'Roboto-Italic.ttf',
  bolditalics: 'Roboto-MediumItalic.ttf',
};

let configured = false;
function configure(): void {
  if (configured) return;
  // The fonts are read once into pdfmake's virtual file system, not from disk for every document.
  for (const file of Object.values(FONTS))
    pdfmake.virtualfs.writeFileSync(file, readFileSync(join(FONT_DIR, file)));
  pdfmake.setFonts({ Roboto: FONTS });
  // No network and no file access at all: images come in as data: URLs.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  configured = true;
}

export interface PdfMeta {
  title: string;
  subject?: string;
  author?: string;
  /** Fixed creation date, so a document's bytes depend only on its content. */
  createdAt: Date;
}

/** Renders a pdfmake document definition to PDF bytes ready for incremental signing. */
export async function renderPdf(definition: object, meta: PdfMeta): Promise<Uint8Array> {
  configure();
  const raw = await pdfmake
    .createPdf({
      pageSize: 'A4',
      defaultStyle: { font: 'Roboto', fontSize: 10 },
      ...definition,
      info: { title: meta.title, subject: meta.subject, author: meta.author, creationDate: meta.createdAt },
    })
    .getBuffer();
  const doc = await PDFDocument.load(raw, { updateMetadata: false });
  doc.setTitle(meta.title);
  doc.setCreationDate(meta.createdAt);
  doc.setModificationDate(meta.createdAt);
  doc.setProducer('hoso');
  doc.setCreator('hoso');
  return doc.save({ useObjectStreams: false });
}
