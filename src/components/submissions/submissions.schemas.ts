/** zod parsing of the submission forms. */
import { z } from 'zod';
import { AD_TEXT_MAX_LENGTH } from './ad-text-parser.js';

export const adTextSchema = z.object({ text: z.string().min(1).max(AD_TEXT_MAX_LENGTH) });

/** A listing id in a path: 1 … 999,999,999, nothing else. */
export const listingIdParam = z.string().regex(/^[1-9]\d{0,8}$/).transform(Number);
