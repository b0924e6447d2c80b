/** Removes C0 control characters except tab, LF and CR: they are invalid in XML and meaningless in vCards. */
export function stripControlChars(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');
}
