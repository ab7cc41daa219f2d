// PDF building: pdfmake lays out the document with the Roboto fonts shipped in node_modules/pdfmake
// (they cover every Vietnamese diacritic; nothing is fetched at run time), then pdf-lib re-saves it with
// a classic cross-reference table and no object streams, the form the incremental signer appends to.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import pdfmake from 'pdfmake';
import { PDFDocument } from 'pdf-lib';

const require = createRequire(import.meta.url);
const FONT_DIR = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');

let configured = false;
function configure(): void {
  if (configured) return;
  pdfmake.setFonts({
    Roboto: {
      normal: join(FONT_DIR, 'Roboto-Regular.ttf'),
      bold: join(FONT_DIR, 'Roboto-Medium.ttf'),
      italics: join(FONT_DIR, 'Roboto-Italic.ttf'),
      bolditalics: join(FONT_DIR, 'Roboto-MediumItalic.ttf'),
    },
  });
  // No network and no file outside the fonts: images come in as data: URLs.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((p) => p.startsWith(FONT_DIR));
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
