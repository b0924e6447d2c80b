import './codes.messages.js';
export {
  createCodesService, ensurePrintCode, ensureCardCode, codeQr, shortUrl, type CodesService, type CodeFigures, type PrintRun, type QrFormat,
} from './codes.service.js';
export { createShortCodeRouter, createCodesDeskRouter, type CodeVisit } from './codes.routes.js';
export { codeFiguresVM, editionLabel, sourceLabel } from './codes.view-models.js';
export { normaliseCode, printedCode, randomCode, CODE_ALPHABET, CODE_LENGTH } from './short-code.js';
