/** The classified pages' settings (docs/print-pages.md): part of the one config module, kept apart for its size. */
import { z } from 'zod';

const int = (min: number, max: number) =>
  z.coerce.number({ message: 'must be a whole number' }).int('must be a whole number').min(min).max(max);

export const adPrintEnv = {
  AD_PRINT_PAGE_MM: z
    .string()
    .regex(/^\d{2,4}x\d{2,4}$/, 'must be WIDTHxHEIGHT in millimetres, such as 272x391')
    .default('272x391'),
  AD_PRINT_COLUMNS: int(1, 20).default(6),
  AD_PRINT_GUTTER_MM: z.coerce.number().min(0).max(30).default(4),
  AD_PRINT_MARGIN_MM: z.coerce.number().min(0).max(60).default(12),
  AD_PRINT_BODY_PT: z.coerce.number().min(5).max(20).default(7.5),
  AD_PRINT_HEADING_PT: z.coerce.number().min(5).max(40).default(10),
  AD_PRINT_BOLD_FONT_FILE: z.string().min(1).default('/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf'),
  AD_PRINT_CLASSIFICATIONS: z
    .string()
    .max(4000)
    .regex(/^[^;]+(;[^;]+)*$/, 'must be entries code:한국어:English[:alias,alias] separated by ;')
    .optional(),
};

type PrintEnv = z.infer<z.ZodObject<typeof adPrintEnv>>;

export interface PrintConfig {
  pageWidthMm: number; pageHeightMm: number; columns: number; gutterMm: number; marginMm: number; bodyPt: number; headingPt: number;
  boldFontFile: string;
  /** AD_PRINT_CLASSIFICATIONS as written, parsed by the ads component (undefined: its default list). */
  classifications: string | undefined;
}

export function adPrintConfig(env: PrintEnv): PrintConfig {
  const [pageWidthMm, pageHeightMm] = env.AD_PRINT_PAGE_MM.split('x').map(Number);
  return {
    pageWidthMm,
    pageHeightMm,
    columns: env.AD_PRINT_COLUMNS,
    gutterMm: env.AD_PRINT_GUTTER_MM,
    marginMm: env.AD_PRINT_MARGIN_MM,
    bodyPt: env.AD_PRINT_BODY_PT,
    headingPt: env.AD_PRINT_HEADING_PT,
    boldFontFile: env.AD_PRINT_BOLD_FONT_FILE,
    classifications: env.AD_PRINT_CLASSIFICATIONS,
  };
}
