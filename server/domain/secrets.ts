/**
 * Identifiers, secrets and join codes. Keys and tokens are bearer secrets (≥128 random bits)
 * stored only as SHA-256 hashes; join codes are short so people can type them, which is why
 * the join endpoint is rate-limited.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto'

/** Letters and digits that cannot be mistaken for each other (no 0/O, 1/I/L). */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
/** Length of table and workshop join codes (31^6 ≈ 887 million codes). */
export const JOIN_CODE_LENGTH = 6

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'

/**
 * A new entity id: 16 lowercase letters and digits (~82 bits). Ids are not secrets, but they
 * must avoid `_` and `-` because document names like `q-<posterId>_<participantId>` split on them.
 */
export function newId(): string {
  let id = ''
  for (let i = 0; i < 16; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)]
  return id
}

/** A new bearer secret: 144 random bits, base64url (24 characters). */
export function newSecret(): string {
  return randomBytes(18).toString('base64url')
}

/** SHA-256 of a secret, hex; the only form in which secrets are stored. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex')
}

/** Whether `secret` hashes to `hash`, compared in constant time. */
export function secretMatches(secret: string, hash: string | null | undefined): boolean {
  if (!hash) return false
  const a = Buffer.from(hashSecret(secret), 'hex')
  const b = Buffer.from(hash, 'hex')
  return a.length === b.length && timingSafeEqual(a, b)
}

/** A new random join code of `JOIN_CODE_LENGTH` characters from `JOIN_CODE_ALPHABET`. */
export function newJoinCode(): string {
  let code = ''
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)]
  return code
}

/** Normalises what a person typed into a code: upper case, without spaces or dashes. */
export function normaliseJoinCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '')
}

/** Whether a string could be a join code at all (saves a lookup for obvious typos). */
export function isJoinCodeShaped(code: string): boolean {
  if (code.length !== JOIN_CODE_LENGTH) return false
  for (const ch of code) if (!JOIN_CODE_ALPHABET.includes(ch)) return false
  return true
}
