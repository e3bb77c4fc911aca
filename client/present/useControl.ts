/**
 * React hooks over the workshop's control document and the server clock: the phase, timer,
 * presentation, done flags and tallies the server publishes, and the offset that makes every
 * device's timer show the same seconds whatever its own clock says.
 */
import { useEffect, useMemo, useState } from 'react'
import { type ControlState, emptyControlState, readControl } from '../../shared/controlDoc'
import { clockOffset } from '../../shared/rounds'
import type { TimeResponse } from '../../shared/roundsApi'
import { useLiveDoc } from './useLiveDoc'

/** The control state of a workshop, live (re-rendering on every change). */
export function useControl(
  workshopId: string | null,
  token: string | null,
): { control: ControlState; synced: boolean } {
  const { live, state } = useLiveDoc(workshopId ? `w-${workshopId}` : null, token, 30)
  // biome-ignore lint/correctness/useExhaustiveDependencies: state.version marks a change of the document
  const control = useMemo(() => (live ? readControl(live.doc) : emptyControlState()), [live, state.version])
  return { control, synced: state.synced }
}

let sharedOffset: Promise<number> | null = null

/** Measures the server clock's offset once per page (midpoint of a `/api/time` round trip). */
export function measureClockOffset(): Promise<number> {
  sharedOffset ??= (async () => {
    try {
      const sentAt = Date.now()
      const res = await fetch('/api/time', { headers: { accept: 'application/json' } })
      const receivedAt = Date.now()
      const body = (await res.json()) as TimeResponse
      return clockOffset(body.serverNow, sentAt, receivedAt)
    } catch {
      sharedOffset = null
      return 0
    }
  })()
  return sharedOffset
}

/** React hook: the server clock's offset from this device's, in ms (0 until measured). */
export function useClockOffset(): number {
  const [offset, setOffset] = useState(0)
  useEffect(() => {
    let alive = true
    measureClockOffset().then((o) => {
      if (alive) setOffset(o)
    })
    return () => {
      alive = false
    }
  }, [])
  return offset
}

/** React hook: this device's time, re-rendering every `intervalMs`. */
export function useNow(intervalMs = 250): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs)
    return () => clearInterval(id)
  }, [intervalMs])
  return now
}
