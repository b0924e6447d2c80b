import './desk.messages.js';
export { createDeskService, type DeskService } from './desk.service.js';
export { createDeskRouter } from './desk.routes.js';
export { createDeskUpload } from './desk.upload.js';
export { createCardService, CARD_SOURCE_MARKER, type CardService } from './card.service.js';
export { createCardRouter } from './card.routes.js';
export { DESK_COLUMNS, validateDeskRow, cellsFromGraph, type DeskCells } from './desk-rows.js';
export { decodeCsvBytes, parseCsv, csvLine } from './desk-csv.js';
export { splitAdPage } from './ad-page-split.js';
