/**
 * Many posters' Yjs states in one response: what the wall draws first, before each tile's
 * live connection has synced. Browsers open WebSockets to one host one handshake at a time,
 * so thirty tiles waiting for their own sockets took seconds; one request takes one round trip.
 *
 * Wire format (lib0 encoding): a varUint count, then per poster a varString id and a
 * varUint8Array state (a Yjs update).
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/** Media type of an encoded set of poster states. */
export const POSTER_STATES_TYPE = 'application/vnd.plenum.poster-states'

/** One poster's state. */
export interface PosterState {
  posterId: string
  state: Uint8Array
}

/** Encodes poster states for the wire. */
export function encodePosterStates(states: PosterState[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, states.length)
  for (const s of states) {
    encoding.writeVarString(encoder, s.posterId)
    encoding.writeVarUint8Array(encoder, s.state)
  }
  return encoding.toUint8Array(encoder)
}

/** Decodes what `encodePosterStates` wrote; throws on a truncated or malformed body. */
export function decodePosterStates(bytes: Uint8Array): Map<string, Uint8Array> {
  const decoder = decoding.createDecoder(bytes)
  const count = decoding.readVarUint(decoder)
  const out = new Map<string, Uint8Array>()
  for (let i = 0; i < count; i++) {
    const id = decoding.readVarString(decoder)
    out.set(id, decoding.readVarUint8Array(decoder))
  }
  if (decoding.hasContent(decoder)) throw new Error('poster states: trailing bytes')
  return out
}
