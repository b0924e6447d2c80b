import { registerMessages } from '../../core/i18n.js';

registerMessages({
  ko: {
    'media.tooLarge': '보낸 사진이 너무 크거나 많습니다. 사진 크기와 장수 제한을 확인해 주세요.',
    'media.tooMany': '사진을 너무 많이 올렸습니다.',
    'media.malformed': '업로드가 중간에 끊겼거나 형식이 잘못되었습니다. 다시 시도해 주세요.',
    'media.rejected.type': 'JPEG, PNG, WebP, AVIF 사진만 올릴 수 있습니다.',
    'media.rejected.markup': '사진 파일에 허용되지 않는 내용이 들어 있습니다.',
    'media.rejected.tooLarge': '사진의 가로×세로 크기가 너무 큽니다.',
    'media.rejected.unreadable': '사진 파일을 읽을 수 없습니다. 파일이 손상되었을 수 있습니다.',
    'media.limits': '사진 한 장 {mb}MB 이하, 최대 {files}장 (JPEG, PNG, WebP, AVIF)',
    'media.storageFailed':
      '지금은 사진을 저장할 수 없어 아무것도 저장하지 않았습니다. 입력하신 내용은 그대로 있으니 잠시 후 다시 보내 주세요.',
  },
  en: {
    'media.tooLarge': 'The photos are too large or too many. Please check the size and number limits.',
    'media.tooMany': 'Too many photos.',
    'media.malformed': 'The upload was cut off or malformed. Please try again.',
    'media.rejected.type': 'Only JPEG, PNG, WebP and AVIF photos can be uploaded.',
    'media.rejected.markup': 'The photo file contains content that is not allowed.',
    'media.rejected.tooLarge': 'The photo’s width × height is too large.',
    'media.rejected.unreadable': 'The photo could not be read; the file may be damaged.',
    'media.limits': 'Up to {mb} MB per photo, {files} photos (JPEG, PNG, WebP, AVIF)',
    'media.storageFailed':
      'Photos cannot be stored right now, so nothing was saved. Your entries are still here; please send the form again in a moment.',
  },
});
