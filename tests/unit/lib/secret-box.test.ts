/** AES-256-GCM secret box: round trip, rotation by key ring, and every way a value must fail closed. */
import { describe, expect, it } from 'vitest';
import { derivedKeyRing, isSealed, open, parseKeyRing, seal, SecretBoxError, sealedKeyId } from '../../../src/lib/secret-box.js';

const K1 = `k1:${Buffer.alloc(32, 1).toString('base64')}`;
const K2 = `k2:${Buffer.alloc(32, 2).toString('base64')}`;
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

describe('secret box', () => {
  it('seals under the first key, opens to the same text, never contains the plain text, fits users.totp_secret (128)', () => {
    const ring = parseKeyRing(`${K1},${K2}`);
    const sealed = seal(ring, SECRET, 'users.totp_secret:7');
    expect(isSealed(sealed)).toBe(true);
    expect(sealedKeyId(sealed)).toBe('k1');
    expect(sealed).not.toContain(SECRET);
    expect(open(ring, sealed, 'users.totp_secret:7')).toBe(SECRET);
    expect(seal(ring, SECRET, 'x')).not.toBe(seal(ring, SECRET, 'x')); // fresh IV each time
    const longest = seal(
      parseKeyRing(`abcdefghijklmnop:${Buffer.alloc(32, 3).toString('base64')}`),
      SECRET,
      'users.totp_secret:2147483647',
    );
    expect(longest.length).toBeLessThanOrEqual(128);
  });

  it('rotation: a value sealed under k1 opens with ring "k2,k1" (k2 now seals) and not with "k2" alone', () => {
    const old = seal(parseKeyRing(K1), SECRET, 'c');
    const rotated = parseKeyRing(`${K2},${K1}`);
    expect(open(rotated, old, 'c')).toBe(SECRET);
    expect(sealedKeyId(seal(rotated, SECRET, 'c'))).toBe('k2');
    expect(() => open(parseKeyRing(K2), old, 'c')).toThrow(/not configured/);
  });

  it.each([
    [
      'a wrong key under the same id',
      (s: string) => ({ ring: parseKeyRing(`k1:${Buffer.alloc(32, 9).toString('base64')}`), value: s, ctx: 'c' }),
    ],
    ['another context (a value copied to another user)', (s: string) => ({ ring: parseKeyRing(K1), value: s, ctx: 'd' })],
    [
      'an altered ciphertext',
      (s: string) => {
        const p = s.split(':');
        const body = Buffer.from(p[3], 'base64url');
        body[0] ^= 1;
        p[3] = body.toString('base64url');
        return { ring: parseKeyRing(K1), value: p.join(':'), ctx: 'c' };
      },
    ],
    ['a cut tag', (s: string) => ({ ring: parseKeyRing(K1), value: s.slice(0, -4), ctx: 'c' })],
    ['plain base32 text', () => ({ ring: parseKeyRing(K1), value: SECRET, ctx: 'c' })],
    ['an empty string', () => ({ ring: parseKeyRing(K1), value: '', ctx: 'c' })],
  ])('%s → SecretBoxError, never the secret', (_name, make) => {
    const { ring, value, ctx } = make(seal(parseKeyRing(K1), SECRET, 'c'));
    expect(() => open(ring, value, ctx)).toThrow(SecretBoxError);
  });

  it.each([
    ['', /at least one key/],
    ['k1', /id:base64key/],
    [':AAAA', /id:base64key/],
    ['k 1:AAAA', /id:base64key/],
    ['k1:AAAA', /32 bytes/],
    [`${K1},${K1}`, /listed twice/],
  ])('key ring %j is refused (%s)', (spec, message) => {
    expect(() => parseKeyRing(spec)).toThrow(message);
  });

  it('the development ring is derived, fixed and 32 bytes', () => {
    const a = derivedKeyRing('dev', 'label');
    expect(a.keys.get('dev')).toHaveLength(32);
    expect(a.keys.get('dev')).toEqual(derivedKeyRing('dev', 'label').keys.get('dev'));
    expect(a.keys.get('dev')).not.toEqual(derivedKeyRing('dev', 'other').keys.get('dev'));
  });
});
