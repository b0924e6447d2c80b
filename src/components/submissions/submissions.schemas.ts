/** zod parsing of the submission forms. */
import { z } from 'zod';
import { AD_TEXT_MAX_LENGTH } from './ad-text-parser.js';

export const adTextSchema = z.object({ text: z.string().min(1).max(AD_TEXT_MAX_LENGTH) });
