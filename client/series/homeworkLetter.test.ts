import { describe, expect, it } from 'vitest'
import { translate } from '../app/i18n'
import { homeworkLetter, mailtoHref } from './homeworkLetter'
import { seriesMessages } from './seriesMessages'

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
    const t = (key: 'letterSubject' | 'letterBody', vars: Record<string, string>) =>
      translate(seriesMessages, 'da', key, vars)
    const letter = homeworkLetter(input, t)
    expect(letter.subject).toBe('Workshop 1: AS IS: hjemmearbejde for Trin 2')
    expect(letter.body).toContain('Kære Trin 2')
    expect(letter.body).toContain('indtil 10. nov. kl. 22:00')
    expect(letter.body).toContain('- Skriv erfaringer fra jeres projekter ind')
    expect(letter.body).toContain('https://plenum.example.dk/join/ABC123')
    expect(letter.body).toContain('skriv koden ABC123')
  })

  it('opens in a mail program with subject and body encoded', () => {
    const href = mailtoHref({ subject: 'a & b', body: 'linje 1\nlinje 2' })
    expect(href).toBe('mailto:?subject=a%20%26%20b&body=linje%201%0Alinje%202')
  })
})
