import { registerMessages } from '../../web/i18n.js';

registerMessages({
  ko: {
    'submission.adText.invalid': '광고 문구를 1자 이상 5,000자 이하로 붙여 넣어 주세요.',
  },
  en: {
    'submission.adText.invalid': 'Paste the ad text (1 to 5,000 characters).',
  },
});
