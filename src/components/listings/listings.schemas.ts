import { z } from 'zod';

/** "/listings/12-60플라워" → { id: 12, slug: "60플라워" }; anything else is not a listing URL. */
export const listingParamSchema = z.object({
  idSlug: z.string().regex(/^[1-9]\d{0,8}(?:-.*)?$/),
}).transform(({ idSlug }) => {
  const dash = idSlug.indexOf('-');
  return { id: Number(dash === -1 ? idSlug : idSlug.slice(0, dash)), slug: dash === -1 ? '' : idSlug.slice(dash + 1) };
});
