export { issueExtract, revokeExtract, listExtracts, newCode, normalizeCode } from './extracts.service.ts';
export { verifyExtract, verifyJsonFile, verifyPdfFile, type Registry } from './verify.service.ts';
export {
  installExtractSettings,
  extractSettings,
  settingsFromConfig,
  type ExtractSettings,
} from './settings.ts';
export { extractRoutes } from './extracts.routes.ts';
