import jsQR from 'jsqr'
import { PDFDocument } from 'pdf-lib'
import { PNG } from 'pngjs'
import { describe, expect, it } from 'vitest'
import { qrPng, renderTableCards } from './tableCards'

describe('table cards', () => {
  it('the QR code reads back as the join link', async () => {
    const url = 'http://192.168.1.20:8080/join/ABC234'
    const png = PNG.sync.read(await qrPng(url))
    const read = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)
    expect(read?.data).toBe(url)
  })

  it('renders one A5 page per table, Danish letters included', async () => {
    const bytes = await renderTableCards({
      title: 'Workshop – Ærø, Øster Åby',
      date: '2017-10-11',
      place: 'Odense',
      language: 'da',
      tables: [1, 2, 3].map((n) => ({
        name: `Bord ${n} – Bøgeskov`,
        joinCode: `ABC23${n + 3}`,
        joinUrl: `http://x/join/ABC23${n + 3}`,
      })),
    })
    const pdf = await PDFDocument.load(bytes)
    expect(pdf.getPageCount()).toBe(3)
    const { width, height } = pdf.getPage(0).getSize()
    expect(Math.round(width)).toBe(420)
    expect(Math.round(height)).toBe(595)
    expect(pdf.getTitle()).toBe('Workshop – Ærø, Øster Åby')
  })
})
