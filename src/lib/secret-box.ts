/**
 * Small secrets encrypted at rest with AES-256-GCM (node:crypto) under a key ring: the first key seals, every key
 * opens, so keys can be rotated. A sealed value is `gcm1:<key id>:<iv>:<ciphertext>:<tag>` (base64url parts) and is
 * bound to a context string (e.g. the owning row) as additional authenticated data, so it cannot be moved elsewhere.
 * Anything that does not open — unknown key, wrong key, altered bytes, another context, plain text — throws.
 */
import crypto from 'node:crypto';

export interface KeyRing {
  /** Id of the key that seals. */
  readonly primaryId: string;
  readonly keys: ReadonlyMap<string, Buffer>;
}

export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
}

const PREFIX = 'gcm1';
const KEY_ID = /^[A-Za-z0-9_-]{1,16}$/;
const B64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Parses `id:base64key[,id:base64key…]` (32-byte keys, unique ids of 1–16 letters, digits, _ or -). Throws an
 * Error whose message completes "TOTP_ENCRYPTION_KEYS …" style sentences.
 */
export function parseKeyRing(spec: string): KeyRing {
  const entries = spec.split(',').map((s) => s.trim()).filter(Boolean);
  if (!entries.length) throw new Error('must list at least one key as id:base64key');
  const keys = new Map<string, Buffer>();
  for (const entry of entries) {
    const at = entry.indexOf(':');
    const id = at > 0 ? entry.slice(0, at) : '';
    if (!KEY_ID.test(id)) throw new Error('must be a comma-separated list of id:base64key (ids: 1-16 letters, digits, _ or -)');
    const key = Buffer.from(entry.slice(at + 1), 'base64');
    if (key.length !== 32) throw new Error(`key "${id}" must be 32 bytes of base64 (e.g. openssl rand -base64 32)`);
    if (keys.has(id)) throw new Error(`key id "${id}" is listed twice`);
    keys.set(id, key);
  }
  return Object.freeze({ primaryId: entries[0].slice(0, entries[0].indexOf(':')), keys });
}

/** A key ring with one key derived from a fixed label (HKDF-SHA256): for development and tests only. */
export function derivedKeyRing(id: string, label: string): KeyRing {
  const key = Buffer.from(crypto.hkdfSync('sha256', label, 'golmok', 'golmok secret-box key', 32));
  return Object.freeze({ primaryId: id, keys: new Map([[id, key]]) });
}

export function isSealed(value: string): boolean {
  return value.startsWith(`${PREFIX}:`);
}

/** The id of the key a sealed value was sealed with, or null when it is not a sealed value. */
export function sealedKeyId(value: string): string | null {
  const parts = value.split(':');
  return parts.length === 5 && parts[0] === PREFIX ? parts[1] : null;
}

export function seal(ring: KeyRing, plaintext: string, context: string): string {
  const key = ring.keys.get(ring.primaryId)!;
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [PREFIX, ring.primaryId, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join(
    ':',
  );
}

export function open(ring: KeyRing, sealed: string, context: string): string {
  const parts = sealed.split(':');
  if (parts.length !== 5 || parts[0] !== PREFIX || !parts.slice(2).every((p) => B64URL.test(p)))
    throw new SecretBoxError('not a sealed value');
  const [, id, ivPart, bodyPart, tagPart] = parts;
  const key = ring.keys.get(id);
  if (!key) throw new SecretBoxError(`sealed with key "${id}", which is not configured`);
  const iv = Buffer.from(ivPart, 'base64url');
  const tag = Buffer.from(tagPart, 'base64url');
  if (iv.length !== 12 || tag.length !== 16) throw new SecretBoxError('not a sealed value');
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(bodyPart, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretBoxError(`does not open with key "${id}" (wrong key, altered, or another owner's value)`);
  }
}
