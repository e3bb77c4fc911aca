import { describe, expect, it } from 'vitest'
import { CloseCode } from '../shared/closeCodes'
import { Histogram, Metrics } from './metrics'

describe('Metrics', () => {
  it('renders Prometheus text with live gauges, counters, histograms and closes by code', () => {
    const metrics = new Metrics()
    metrics.setSources({ rooms: () => 3, connections: () => 17 })
    metrics.received(100)
    metrics.received(50)
    metrics.sent(10)
    metrics.persisted(0.002)
    metrics.relayed(0.004)
    metrics.closedWith(CloseCode.InvalidRecord)
    metrics.closedWith(CloseCode.InvalidRecord)
    const text = metrics.render()
    expect(text).toContain('plenum_rooms 3\n')
    expect(text).toContain('plenum_connections 17\n')
    expect(text).toContain('plenum_messages_in_total 2\n')
    expect(text).toContain('plenum_bytes_in_total 150\n')
    expect(text).toContain('plenum_persist_seconds_count 1\n')
    expect(text).toContain('plenum_relay_seconds_bucket{le="0.005"} 1\n')
    expect(text).toContain('plenum_closes_total{code="4006",reason="invalid record"} 2\n')
    expect(text).toMatch(/# TYPE plenum_persist_seconds histogram/)
  })

  it('counts an observation in every bucket at or above it', () => {
    const h = new Histogram([0.1, 1])
    h.observe(0.05)
    h.observe(0.5)
    h.observe(5)
    expect(h.render('x')).toEqual([
      'x_bucket{le="0.1"} 1',
      'x_bucket{le="1"} 2',
      'x_bucket{le="+Inf"} 3',
      'x_sum 5.55',
      'x_count 3',
    ])
  })
})
