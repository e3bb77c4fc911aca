/**
 * The server clock as React hooks: the offset that makes every device's timer show the same
 * seconds whatever its own clock says, and a ticking "now".
 */
import { useEffect, useState } from 'react'
import { clockOffset } from '../../shared/rounds'
import type { TimeResponse } from '../../shared/roundsApi'

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
