/**
 * Configuration. The environment is read here and nowhere else; `.env.example` lists every
 * variable. Code receives a `Config` object, so tests build their own without touching env.
 */

import { parseTrustProxy } from './http/trustProxy'

/** Every setting of a Plenum server. */
export interface Config {
  /** TCP port to listen on; 0 picks a free one (tests). */
  port: number
  /** Interface to bind; 0.0.0.0 serves the LAN so phones at the tables can connect. */
  host: string
  /** Folder for the SQLite database and uploaded assets. */
  dataDir: string
  /** PostgreSQL connection string; when set, storage uses PostgreSQL instead of SQLite. */
  databaseUrl: string | null
  /** Redis URL; when set, document updates and awareness fan out between instances. */
  redisUrl: string | null
  /** Public base URL used in links, QR codes and table cards (e.g. https://plenum.example.dk). */
  publicUrl: string | null
  /** Secret used to derive tokens; generated and stored in dataDir when unset. */
  secret: string | null
  /** Folder holding the built client (vite build output). */
  clientDir: string
  /**
   * Whether free sandbox posters (`/p/s-…`, no token) may be created and edited. Unset, they
   * are on only when the server listens on loopback alone.
   */
  allowSandbox: boolean
  /**
   * Which `X-Forwarded-For` entries to believe: null (none, the default), a number of proxy
   * hops, or a list of proxy addresses and ranges. See `server/http/trustProxy.ts`.
   */
  trustProxy: string | null
  /** When set, creating or importing a workshop needs this key (hosted servers); unset, anyone may. */
  createKey: string | null
  /**
   * SMTP server that sends the homework letters (`smtp://user:pass@host:587`, `smtps://…` for
   * TLS from the start); unset, the organizer copies or mails the letters by hand.
   */
  smtpUrl: string | null
  /** Sender of those letters, e.g. `Plenum <plenum@kommune.dk>`. */
  mailFrom: string
  /** Largest accepted WebSocket message, in bytes. */
  maxMessageBytes: number
  /** Largest document, in bytes of encoded state, before further updates are refused. */
  maxDocumentBytes: number
  /** Largest uploaded asset (image), in bytes. */
  maxAssetBytes: number
  /** Largest sandbox poster, in bytes of encoded state (anonymous storage is bounded tighter). */
  maxSandboxBytes: number
  /** New sandbox posters one address may open per day. */
  maxSandboxesPerIp: number
  /** Sandbox posters the server keeps in total. */
  maxSandboxes: number
  /** Hours without a write after which a sandbox poster is deleted. */
  sandboxIdleHours: number
  /** Bytes of images one address may upload without a workshop key per day. */
  maxAnonymousAssetBytesPerIp: number
  /** Bytes of images everyone together may upload without a workshop key per day. */
  maxAnonymousAssetBytes: number
  /** Largest request body of a JSON API route, in bytes (uploads have their own bounds). */
  maxJsonBytes: number
  /** Largest workshop archive an import accepts, in bytes, compressed and unpacked alike. */
  maxImportBytes: number
  /** Most awareness (presence) updates relayed per connection per second; more are merged. */
  awarenessHz: number
  /** Awareness frames per second a connection may send; 3 such seconds in a row close it. */
  maxAwarenessPerSecond: number
  /** Messages queued per connection while it is being authorised and its room loads. */
  maxQueuedMessages: number
  /** Open WebSocket connections allowed from one IP address. */
  maxConnectionsPerIp: number
  /** Bytes buffered for one socket before it is dropped as a slow consumer. */
  maxBufferedBytes: number
  /** Join attempts allowed per IP within `joinWindowMs`. */
  maxJoinAttempts: number
  /** Window of the join rate limit, in milliseconds. */
  joinWindowMs: number
  /** How long a room stays loaded after its last client leaves, in milliseconds. */
  roomUnloadGraceMs: number
  /** Compact a document's update log after this many appended updates. */
  compactAfterUpdates: number
  /**
   * Days a workshop is kept after its date before it is deleted automatically; null keeps
   * workshops until the organizer deletes them.
   */
  retentionDays: number | null
  /** Log level: debug, info, warn, error, silent. */
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent'
}

/** The defaults: a single laptop serving one workshop on the local network. */
export const defaultConfig: Config = {
  port: 8080,
  host: '0.0.0.0',
  dataDir: './data',
  databaseUrl: null,
  redisUrl: null,
  publicUrl: null,
  secret: null,
  clientDir: './dist/client',
  allowSandbox: true,
  createKey: null,
  smtpUrl: null,
  mailFrom: 'Plenum <plenum@localhost>',
  trustProxy: null,
  maxMessageBytes: 2 * 1024 * 1024,
  maxDocumentBytes: 20 * 1024 * 1024,
  maxAssetBytes: 10 * 1024 * 1024,
  maxImportBytes: 256 * 1024 * 1024,
  maxJsonBytes: 1024 * 1024,
  maxSandboxBytes: 512 * 1024,
  maxSandboxesPerIp: 50,
  maxSandboxes: 1000,
  sandboxIdleHours: 24,
  maxAnonymousAssetBytesPerIp: 20 * 1024 * 1024,
  maxAnonymousAssetBytes: 1024 * 1024 * 1024,
  awarenessHz: 20,
  maxAwarenessPerSecond: 100,
  maxQueuedMessages: 200,
  maxConnectionsPerIp: 200,
  maxBufferedBytes: 8 * 1024 * 1024,
  maxJoinAttempts: 20,
  joinWindowMs: 60_000,
  roomUnloadGraceMs: 10_000,
  compactAfterUpdates: 500,
  retentionDays: null,
  logLevel: 'info',
}

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`)
  return n
}

function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback
  return !['0', 'false', 'no', 'off'].includes(value.toLowerCase())
}

/** Whether `host` binds to this machine only. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host)
}

/** Reads the configuration from environment variables over the defaults. */
export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  const logLevel = (env.LOG_LEVEL ?? defaultConfig.logLevel) as Config['logLevel']
  if (!['debug', 'info', 'warn', 'error', 'silent'].includes(logLevel)) {
    throw new Error(`LOG_LEVEL must be one of debug, info, warn, error, silent; got "${logLevel}"`)
  }
  return {
    port: int(env.PORT, defaultConfig.port, 'PORT'),
    host: env.HOST || defaultConfig.host,
    dataDir: env.DATA_DIR || defaultConfig.dataDir,
    databaseUrl: env.DATABASE_URL || null,
    redisUrl: env.REDIS_URL || null,
    publicUrl: env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, '') : null,
    secret: env.SECRET || null,
    clientDir: env.CLIENT_DIR || defaultConfig.clientDir,
    allowSandbox: bool(env.ALLOW_SANDBOX, isLoopback(env.HOST || defaultConfig.host)),
    createKey: env.CREATE_KEY || null,
    smtpUrl: env.SMTP_URL || null,
    mailFrom: env.MAIL_FROM || defaultConfig.mailFrom,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    maxMessageBytes: int(env.MAX_MESSAGE_BYTES, defaultConfig.maxMessageBytes, 'MAX_MESSAGE_BYTES'),
    maxDocumentBytes: int(env.MAX_DOCUMENT_BYTES, defaultConfig.maxDocumentBytes, 'MAX_DOCUMENT_BYTES'),
    maxAssetBytes: int(env.MAX_ASSET_BYTES, defaultConfig.maxAssetBytes, 'MAX_ASSET_BYTES'),
    maxSandboxBytes: int(env.MAX_SANDBOX_BYTES, defaultConfig.maxSandboxBytes, 'MAX_SANDBOX_BYTES'),
    maxSandboxesPerIp: int(env.MAX_SANDBOXES_PER_IP, defaultConfig.maxSandboxesPerIp, 'MAX_SANDBOXES_PER_IP'),
    maxSandboxes: int(env.MAX_SANDBOXES, defaultConfig.maxSandboxes, 'MAX_SANDBOXES'),
    sandboxIdleHours: int(env.SANDBOX_IDLE_HOURS, defaultConfig.sandboxIdleHours, 'SANDBOX_IDLE_HOURS'),
    maxAnonymousAssetBytesPerIp: int(
      env.MAX_ANONYMOUS_ASSET_BYTES_PER_IP,
      defaultConfig.maxAnonymousAssetBytesPerIp,
      'MAX_ANONYMOUS_ASSET_BYTES_PER_IP',
    ),
    maxAnonymousAssetBytes: int(
      env.MAX_ANONYMOUS_ASSET_BYTES,
      defaultConfig.maxAnonymousAssetBytes,
      'MAX_ANONYMOUS_ASSET_BYTES',
    ),
    maxJsonBytes: int(env.MAX_JSON_BYTES, defaultConfig.maxJsonBytes, 'MAX_JSON_BYTES'),
    maxImportBytes: int(env.MAX_IMPORT_BYTES, defaultConfig.maxImportBytes, 'MAX_IMPORT_BYTES'),
    awarenessHz: Math.max(1, int(env.AWARENESS_HZ, defaultConfig.awarenessHz, 'AWARENESS_HZ')),
    maxAwarenessPerSecond: int(
      env.MAX_AWARENESS_PER_SECOND,
      defaultConfig.maxAwarenessPerSecond,
      'MAX_AWARENESS_PER_SECOND',
    ),
    maxQueuedMessages: int(env.MAX_QUEUED_MESSAGES, defaultConfig.maxQueuedMessages, 'MAX_QUEUED_MESSAGES'),
    maxConnectionsPerIp: int(
      env.MAX_CONNECTIONS_PER_IP,
      defaultConfig.maxConnectionsPerIp,
      'MAX_CONNECTIONS_PER_IP',
    ),
    maxBufferedBytes: int(env.MAX_BUFFERED_BYTES, defaultConfig.maxBufferedBytes, 'MAX_BUFFERED_BYTES'),
    maxJoinAttempts: int(env.MAX_JOIN_ATTEMPTS, defaultConfig.maxJoinAttempts, 'MAX_JOIN_ATTEMPTS'),
    joinWindowMs: int(env.JOIN_WINDOW_MS, defaultConfig.joinWindowMs, 'JOIN_WINDOW_MS'),
    roomUnloadGraceMs: int(env.ROOM_UNLOAD_GRACE_MS, defaultConfig.roomUnloadGraceMs, 'ROOM_UNLOAD_GRACE_MS'),
    compactAfterUpdates: int(
      env.COMPACT_AFTER_UPDATES,
      defaultConfig.compactAfterUpdates,
      'COMPACT_AFTER_UPDATES',
    ),
    retentionDays: env.RETENTION_DAYS ? int(env.RETENTION_DAYS, 0, 'RETENTION_DAYS') : null,
    logLevel,
  }
}
