export { parsePhone, telHref, phoneQueryDigits, PHONE_TYPES, type ParsedPhone, type PhoneType } from './phone-numbers.js';
