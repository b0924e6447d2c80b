import { z } from 'zod';

const str = (max: number) => z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.string().max(max, 'form.tooLong').default(''));
const email = str(254).transform((v) => v.trim()).pipe(z.string().min(1, 'form.required').email('accounts.email.invalid'));
const password = str(4096).pipe(z.string().min(1, 'form.required'));

export const signupSchema = z.object({ email, password, displayName: str(100).transform((v) => v.trim()).optional() });
export const loginSchema = z.object({ email, password, next: str(500).optional() });
export const resetRequestSchema = z.object({ email });
export const resetSchema = z.object({ password });
export const changePasswordSchema = z.object({ currentPassword: password, newPassword: password });
export const tokenParamSchema = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });

/** zod issues → { field: messageKey } (the first problem of each field). */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (!out[field]) out[field] = issue.message.includes('.') ? issue.message : 'form.invalid';
  }
  return out;
}
