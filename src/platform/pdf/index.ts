// PDF building and PAdES signing/verification (see render.ts, pades.ts, verify.ts).
export { renderPdf, type PdfMeta } from './render.ts';
export { signPdf, pdfDate, type PdfSignOptions } from './pades.ts';
export { verifyPdfSignatures, type PdfSignatureCheck } from './verify.ts';
