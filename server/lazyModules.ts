/**
 * Packages only some deployments or some requests need, loaded on first use instead of at
 * start-up: PostgreSQL's driver (only with DATABASE_URL), Redis (only with REDIS_URL), the ZIP
 * and QR code libraries (exports, table cards), nodemailer (only with SMTP_URL, on the first
 * letter sent). Together they are ~35 MB of an idle server's resident memory. They are CommonJS packages, so `require` loads them synchronously where a
 * constructor needs them.
 */
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

let pg: typeof import('pg') | null = null

/** The `pg` module, loaded on first use. */
export function pgModule(): typeof import('pg') {
  pg ??= require('pg') as typeof import('pg')
  return pg
}

/** True when `value` is a `pg.Pool`; never loads `pg` (without it loaded there is no pool). */
export function isPgPool(value: unknown): value is import('pg').Pool {
  return pg !== null && value instanceof pg.Pool
}

/** The `ioredis` module, loaded on first use. */
export function ioredisModule(): typeof import('ioredis') {
  return require('ioredis') as typeof import('ioredis')
}

/** The `fflate` module, loaded on first use. */
export function fflateModule(): typeof import('fflate') {
  return require('fflate') as typeof import('fflate')
}

/** The `nodemailer` module, loaded on the first letter sent (only with SMTP_URL). */
export function nodemailerModule(): typeof import('nodemailer') {
  return require('nodemailer') as typeof import('nodemailer')
}

/** The `qrcode` module, loaded on first use. */
export function qrcodeModule(): typeof import('qrcode') {
  return require('qrcode') as typeof import('qrcode')
}
