import { describe, expect, it } from 'vitest'
import { createLogger } from './logger'

function capture(level: Parameters<typeof createLogger>[0] = 'debug') {
  const lines: Array<Record<string, unknown>> = []
  const logger = createLogger(level, (line) => lines.push(JSON.parse(line)))
  return { logger, lines }
}

describe('createLogger', () => {
  it('writes one JSON object per line with time, level, message and fields', () => {
    const { logger, lines } = capture()
    logger.child({ part: 'sync' }).info('room loaded', { doc: 's-abc', connections: 2 })
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({
      level: 'info',
      msg: 'room loaded',
      part: 'sync',
      doc: 's-abc',
      connections: 2,
    })
    expect(Number.isNaN(Date.parse(lines[0].time as string))).toBe(false)
  })

  it('drops lines below the configured level', () => {
    const { logger, lines } = capture('warn')
    logger.debug('d')
    logger.info('i')
    logger.warn('w')
    logger.error('e')
    expect(lines.map((l) => l.level)).toEqual(['warn', 'error'])
    const silent = capture('silent')
    silent.logger.error('nothing')
    expect(silent.lines).toHaveLength(0)
  })

  it('never writes tokens, keys or query strings', () => {
    const { logger, lines } = capture()
    logger.info('request', {
      path: '/sync/p-abc?token=s3cret-token',
      url: 'http://host/w/1/setup#k=organizer-key',
      token: 'tok-123-secret',
      organizerKey: 'k1',
      headers: { authorization: 'Bearer xyz' },
    })
    const text = JSON.stringify(lines)
    for (const secret of ['s3cret-token', 'organizer-key', 'tok-123-secret', 'k1', 'xyz'])
      expect(text).not.toContain(secret)
    expect(lines[0].path).toBe('/sync/p-abc')
  })

  it('logs errors by name and message', () => {
    const { logger, lines } = capture()
    logger.error('failed', { error: new TypeError('bad thing') })
    expect(lines[0].error).toEqual({ name: 'TypeError', message: 'bad thing' })
  })
})
