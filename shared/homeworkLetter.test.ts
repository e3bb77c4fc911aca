import { describe, expect, it } from 'vitest'
import { formatWhen, homeworkLetter, isTimeZone, mailtoHref } from './homeworkLetter'

const input = {
  workshopTitle: 'Workshop 1: AS IS',
  groupName: 'Trin 2',
  questions: ['Skriv erfaringer fra jeres projekter ind'],
  when: '10. nov. kl. 22:00',
  url: 'https://plenum.example.dk/join/ABC123',
  joinUrl: 'plenum.example.dk/join',
  code: 'ABC123',
}

describe('homeworkLetter', () => {
  it("writes the group's link, code, deadline and questions in Danish", () => {
    const letter = homeworkLetter(input, 'da')
    expect(letter.subject).toBe('Workshop 1: AS IS: hjemmearbejde for Trin 2')
    expect(letter.body).toContain('Kære Trin 2')
    expect(letter.body).toContain('indtil 10. nov. kl. 22:00')
    expect(letter.body).toContain('- Skriv erfaringer fra jeres projekter ind')
    expect(letter.body).toContain('https://plenum.example.dk/join/ABC123')
    expect(letter.body).toContain('skriv koden ABC123')
  })

  it('writes English too', () => {
    expect(homeworkLetter(input, 'en').body).toContain('Dear Trin 2')
  })

  it('opens in a mail program with subject and body encoded', () => {
    const href = mailtoHref({ subject: 'a & b', body: 'linje 1\nlinje 2' })
    expect(href).toBe('mailto:?subject=a%20%26%20b&body=linje%201%0Alinje%202')
  })

  it("writes the deadline in the reader's time zone", () => {
    const iso = '2026-11-10T21:00:00.000Z'
    expect(formatWhen(iso, 'da', 'Europe/Copenhagen')).toContain('22.00')
    expect(formatWhen(iso, 'en', 'UTC')).toContain('21:00')
    expect(isTimeZone('Europe/Copenhagen')).toBe(true)
    expect(isTimeZone('Mars/Olympus')).toBe(false)
  })
})
