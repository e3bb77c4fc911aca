/**
 * WebSocket close codes sent by the Plenum sync server. Every code the server uses lives here,
 * is documented in docs/PROTOCOL.md, and is read by the client to decide whether to reconnect.
 */
export const CloseCode = {
  /** Normal closure (RFC 6455). */
  Normal: 1000,
  /** The server is shutting down or restarting; reconnect with backoff. */
  Restarting: 4000,
  /** No token, or the token is not valid for this document. Do not reconnect. */
  Unauthorized: 4001,
  /** The token is valid but may not open this document. Do not reconnect. */
  Forbidden: 4003,
  /** The document name is malformed or the document does not exist. Do not reconnect. */
  NotFound: 4004,
  /** A frame could not be decoded as a y-websocket message. */
  MalformedMessage: 4005,
  /** A document update would put a record the tldraw schema rejects into the poster. */
  InvalidRecord: 4006,
  /** A single message exceeded the maximum message size. */
  MessageTooLarge: 4009,
  /** Applying the update would push the document past the maximum document size. */
  DocumentTooLarge: 4010,
  /** Too many messages arrived before the connection was authorised / the room was loaded. */
  QueueOverflow: 4011,
  /** The client kept sending awareness (presence) far faster than any client does. Reconnect with backoff. */
  AwarenessFlood: 4031,
  /** A quota of anonymous sandbox posters was reached (per address or on the server). Do not reconnect. */
  QuotaExceeded: 4013,
  /** Too many connections from one address. */
  TooManyConnections: 4029,
  /** The client stopped reading and the server's send buffer for it grew past its bound. */
  SlowConsumer: 4030,
  /** Storage failed to persist an update; nothing was acknowledged. Reconnect with backoff. */
  StorageError: 4500,
} as const

/** A close code value. */
export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode]

/** Human-readable reason strings sent with each close code (≤ 123 bytes, RFC 6455). */
export const CloseReason: Record<CloseCodeValue, string> = {
  [CloseCode.Normal]: 'normal',
  [CloseCode.Restarting]: 'server restarting',
  [CloseCode.Unauthorized]: 'unauthorized',
  [CloseCode.Forbidden]: 'forbidden',
  [CloseCode.NotFound]: 'document not found',
  [CloseCode.MalformedMessage]: 'malformed message',
  [CloseCode.InvalidRecord]: 'invalid record',
  [CloseCode.MessageTooLarge]: 'message too large',
  [CloseCode.DocumentTooLarge]: 'document too large',
  [CloseCode.QueueOverflow]: 'too many queued messages',
  [CloseCode.TooManyConnections]: 'too many connections',
  [CloseCode.SlowConsumer]: 'slow consumer',
  [CloseCode.AwarenessFlood]: 'too many awareness updates',
  [CloseCode.QuotaExceeded]: 'sandbox quota reached',
  [CloseCode.StorageError]: 'storage error',
}

/** Close codes after which the client should not try to reconnect: retrying cannot succeed. */
export const FATAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCode.Unauthorized,
  CloseCode.Forbidden,
  CloseCode.NotFound,
  CloseCode.InvalidRecord,
  CloseCode.DocumentTooLarge,
  CloseCode.QuotaExceeded,
])
