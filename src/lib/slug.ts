/** URL slugs that keep Hangul readable: "60플라워" → "60플라워", "HD Korea 임동점" → "hd-korea-임동점". */
export function slugify(text: string, maxLength = 60): string {
  const slug = text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{Letter}\p{Number}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
  return slug || 'listing';
}
