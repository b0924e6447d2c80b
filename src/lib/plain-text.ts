/** Removes C0 control characters except tab, LF and CR: they are invalid in XML and meaningless in vCards. */
export function stripControlChars(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');
}

/**
 * Text as a reader should see it: markdown emphasis that print ads and pasted text carry (**농협 …**, __x__) loses its
 * markers, runs of spaces shrink, line breaks stay. Used when storing and when showing descriptions.
 */
export function plainText(text: string): string {
  return text
    .replace(/\*\*([^*\n]+?)\*\*/g, '$1')
    .replace(/__([^_\n]+?)__/g, '$1')
    .replace(/\*\*|__/g, '')
    .replace(/^[ \t]*#{1,6}[ \t]+/gm, '')
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim();
}
