/**
 * The one-click links in reminder mails: `<reminder id>.<expiry, epoch seconds>.<HMAC-SHA256>` in base64url.
 * Signed with a key derived from SESSION_SECRET, so a changed id or expiry is refused; single use is the reminder
 * row's used_at, so a link works once even though it carries no random part of its own.
 */
import crypto from 'node:crypto';

export type LinkCheck = { ok: true; reminderId: number } | { ok: false; reason: 'invalid' | 'expired' };

export function createReminderLinks(secret: string) {
  const key = crypto.createHmac('sha256', secret).update('golmok reminder links v1').digest();
  const mac = (body: string) => crypto.createHmac('sha256', key).update(body).digest('base64url');

  return {
    sign(reminderId: number, expiresAt: Date): string {
      const body = `${reminderId}.${Math.floor(expiresAt.getTime() / 1000)}`;
      return `${body}.${mac(body)}`;
    },

    check(token: unknown, now: Date): LinkCheck {
      if (typeof token !== 'string' || token.length > 120) return { ok: false, reason: 'invalid' };
      const m = /^([1-9]\d{0,11})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
      if (!m) return { ok: false, reason: 'invalid' };
      const expected = Buffer.from(mac(`${m[1]}.${m[2]}`));
      const given = Buffer.from(m[3]);
      if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
      if (Number(m[2]) * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
      return { ok: true, reminderId: Number(m[1]) };
    },
  };
}

export type ReminderLinks = ReturnType<typeof createReminderLinks>;
