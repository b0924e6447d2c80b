import './media.messages.js';
export { createLocalStorage, StorageUnavailableError, VARIANT_FILE, type MediaStorage } from './media-storage.js';
export { processImage, ImageRejectedError, ACCEPTED_MIME, type ImageRejection, type ProcessedImage } from './image-processing.js';
export { createMediaService, type MediaService } from './media.service.js';
export { type StoredMedia } from './media.repository.js';
export { createMediaRouter } from './media.routes.js';
export { createUploadParser, type UploadParser, type UploadedFile, type UploadLimits } from './media.upload.js';
