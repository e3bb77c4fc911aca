/**
 * Encoding and decoding of y-websocket frames. Every frame the server reads is decoded here in
 * full before anything is applied, so a malformed frame is refused without side effects.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { AuthMessageType, MessageType, SyncMessageType } from '../../shared/protocol'
import { MalformedMessageError } from './SyncError'
import type { DecodedUpdate } from './updateContent'

/** A decoded client frame. */
export type ClientFrame =
  | { type: 'step1'; stateVector: Uint8Array }
  | { type: 'step2'; update: Uint8Array; decoded: DecodedUpdate }
  | {
      type: 'update'
      update: Uint8Array
      decoded: DecodedUpdate
      /** The frame itself when it is exactly one sync update message: relayed as received. */
      relay: Uint8Array | null
    }
  | {
      type: 'awareness'
      update: Uint8Array
      entries: AwarenessEntry[]
      /** The frame itself when it is exactly one awareness message: relayed as received. */
      relay: Uint8Array | null
    }
  | { type: 'queryAwareness' }
  | { type: 'auth' }

/** One client's entry of an awareness update. */
export interface AwarenessEntry {
  clientID: number
  clock: number
  /** Null when the client announced that it left. */
  state: unknown
}

/** Decodes an awareness update, checking that every state is JSON. */
export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update)
  const count = decoding.readVarUint(decoder)
  const entries: AwarenessEntry[] = []
  for (let i = 0; i < count; i++) {
    const clientID = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    const state: unknown = JSON.parse(decoding.readVarString(decoder))
    entries.push({ clientID, clock, state })
  }
  return entries
}

function decodeFrameUnchecked(data: Uint8Array): ClientFrame {
  const decoder = decoding.createDecoder(data)
  const messageType = decoding.readVarUint(decoder)
  switch (messageType) {
    case MessageType.Sync: {
      const syncType = decoding.readVarUint(decoder)
      const payload = decoding.readVarUint8Array(decoder)
      if (syncType === SyncMessageType.Step1) {
        Y.decodeStateVector(payload)
        return { type: 'step1', stateVector: payload }
      }
      if (syncType === SyncMessageType.Step2 || syncType === SyncMessageType.Update) {
        // Decoding the whole update reads every struct, so truncated or garbled updates fail here.
        const decoded = Y.decodeUpdate(payload)
        if (syncType === SyncMessageType.Step2) return { type: 'step2', update: payload, decoded }
        return { type: 'update', update: payload, decoded, relay: endsWith(data, payload) ? data : null }
      }
      throw new MalformedMessageError(`unknown sync message type ${syncType}`)
    }
    case MessageType.Awareness: {
      const update = decoding.readVarUint8Array(decoder)
      const entries = decodeAwarenessUpdate(update)
      return { type: 'awareness', update, entries, relay: endsWith(data, update) ? data : null }
    }
    case MessageType.QueryAwareness:
      return { type: 'queryAwareness' }
    case MessageType.Auth:
      return { type: 'auth' }
    default:
      throw new MalformedMessageError(`unknown message type ${messageType}`)
  }
}

/** True when `part` (a view into `frame`) runs to the frame's last byte: nothing trails it. */
function endsWith(frame: Uint8Array, part: Uint8Array): boolean {
  return (
    part.buffer === frame.buffer && part.byteOffset + part.byteLength === frame.byteOffset + frame.byteLength
  )
}

/** Decodes one binary frame; throws `MalformedMessageError` when it is not a y-websocket message. */
export function decodeClientFrame(data: Uint8Array): ClientFrame {
  try {
    return decodeFrameUnchecked(data)
  } catch (err) {
    if (err instanceof MalformedMessageError) throw err
    throw new MalformedMessageError(err instanceof Error ? err.message : String(err))
  }
}

/** A sync step 1 frame carrying the document's state vector. */
export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Sync)
  encoding.writeVarUint(encoder, SyncMessageType.Step1)
  encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc))
  return encoding.toUint8Array(encoder)
}

/** A sync step 2 frame: everything the peer with `stateVector` is missing. */
export function encodeSyncStep2(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Sync)
  encoding.writeVarUint(encoder, SyncMessageType.Step2)
  encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc, stateVector))
  return encoding.toUint8Array(encoder)
}

/** A sync step 2 frame answering `stateVector` from a stored state (one merged update). */
export function encodeSyncStep2Of(state: Uint8Array, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Sync)
  encoding.writeVarUint(encoder, SyncMessageType.Step2)
  encoding.writeVarUint8Array(encoder, Y.diffUpdate(state, stateVector))
  return encoding.toUint8Array(encoder)
}

/** A sync update frame. */
export function encodeUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Sync)
  encoding.writeVarUint(encoder, SyncMessageType.Update)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** An awareness frame wrapping an encoded awareness update. */
export function encodeAwareness(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Awareness)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** An auth permission-denied frame with a reason. */
export function encodePermissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Auth)
  encoding.writeVarUint(encoder, AuthMessageType.PermissionDenied)
  encoding.writeVarString(encoder, reason)
  return encoding.toUint8Array(encoder)
}
