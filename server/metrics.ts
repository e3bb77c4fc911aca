/**
 * Prometheus metrics of the sync server, rendered as text exposition format on `/metrics`.
 * A small registry of our own: counters, gauges read on demand, and fixed-bucket histograms.
 */
import { type CloseCodeValue, CloseReason } from '../shared/closeCodes'
import type { RoomObserver } from './sync/Room'

const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

/** A histogram with fixed buckets (seconds). */
export class Histogram {
  private readonly counts: number[]
  private sum = 0
  private count = 0

  constructor(private readonly buckets: number[] = LATENCY_BUCKETS) {
    this.counts = buckets.map(() => 0)
  }

  /** Records one observation. */
  observe(value: number): void {
    this.sum += value
    this.count++
    for (let i = 0; i < this.buckets.length; i++) if (value <= this.buckets[i]) this.counts[i]++
  }

  /** Number of observations so far. */
  get total(): number {
    return this.count
  }

  /** Exposition lines for this histogram under `name`. */
  render(name: string): string[] {
    const lines = this.buckets.map((le, i) => `${name}_bucket{le="${le}"} ${this.counts[i]}`)
    lines.push(
      `${name}_bucket{le="+Inf"} ${this.count}`,
      `${name}_sum ${this.sum}`,
      `${name}_count ${this.count}`,
    )
    return lines
  }
}

/** Live figures the registry reads when it renders. */
export interface MetricsSources {
  rooms(): number
  connections(): number
}

/** Every metric of one server; rooms report to it as their `RoomObserver`. */
export class Metrics implements RoomObserver {
  messagesIn = 0
  messagesOut = 0
  bytesIn = 0
  bytesOut = 0
  readonly persistSeconds = new Histogram()
  readonly relaySeconds = new Histogram()
  readonly closes = new Map<number, number>()
  private sources: MetricsSources = { rooms: () => 0, connections: () => 0 }

  /** Sets where room and connection counts come from. */
  setSources(sources: MetricsSources): void {
    this.sources = sources
  }

  received(bytes: number): void {
    this.messagesIn++
    this.bytesIn += bytes
  }

  sent(bytes: number): void {
    this.messagesOut++
    this.bytesOut += bytes
  }

  persisted(seconds: number): void {
    this.persistSeconds.observe(seconds)
  }

  relayed(seconds: number): void {
    this.relaySeconds.observe(seconds)
  }

  closedWith(code: number): void {
    this.closes.set(code, (this.closes.get(code) ?? 0) + 1)
  }

  /** The Prometheus text exposition of every metric. */
  render(): string {
    const out: string[] = []
    const metric = (name: string, type: string, help: string, lines: string[]) => {
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...lines)
    }
    metric('plenum_rooms', 'gauge', 'Documents loaded in memory.', [`plenum_rooms ${this.sources.rooms()}`])
    metric('plenum_connections', 'gauge', 'Open sync connections.', [
      `plenum_connections ${this.sources.connections()}`,
    ])
    metric('plenum_messages_in_total', 'counter', 'Sync frames received.', [
      `plenum_messages_in_total ${this.messagesIn}`,
    ])
    metric('plenum_messages_out_total', 'counter', 'Sync frames sent.', [
      `plenum_messages_out_total ${this.messagesOut}`,
    ])
    metric('plenum_bytes_in_total', 'counter', 'Bytes of sync frames received.', [
      `plenum_bytes_in_total ${this.bytesIn}`,
    ])
    metric('plenum_bytes_out_total', 'counter', 'Bytes of sync frames sent.', [
      `plenum_bytes_out_total ${this.bytesOut}`,
    ])
    metric(
      'plenum_persist_seconds',
      'histogram',
      'Time to append one update to storage.',
      this.persistSeconds.render('plenum_persist_seconds'),
    )
    metric(
      'plenum_relay_seconds',
      'histogram',
      'Time from receiving an update to relaying it (includes persisting).',
      this.relaySeconds.render('plenum_relay_seconds'),
    )
    const closeLines = [...this.closes].map(
      ([code, n]) =>
        `plenum_closes_total{code="${code}",reason="${CloseReason[code as CloseCodeValue] ?? 'other'}"} ${n}`,
    )
    metric('plenum_closes_total', 'counter', 'Connections closed by the server, by close code.', closeLines)
    return `${out.join('\n')}\n`
  }
}
