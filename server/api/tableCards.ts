/**
 * Table cards: one A5 page per table with its name, a QR code of its join link, the join code
 * and the link in large type, to print and put on the tables before the workshop.
 */
import { existsSync, readFileSync } from 'node:fs'
import type { PDFDocument, PDFFont } from 'pdf-lib'
import type { Language, TableView } from '../../shared/api'
import { qrcodeModule } from '../lazyModules'

/** Fonts that cover Danish letters; the first one found is embedded. */
const FONT_FILES = {
  regular: ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/dejavu/DejaVuSans.ttf'],
  bold: [
    '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
    '/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf',
  ],
}

const A5: [number, number] = [419.53, 595.28]
const MARGIN = 36

const TEXTS: Record<Language, { scan: string; orGoTo: string; code: string }> = {
  da: { scan: 'Scan koden for at åbne jeres plakat', orGoTo: 'eller gå til', code: 'Bordkode' },
  en: { scan: 'Scan the code to open your poster', orGoTo: 'or go to', code: 'Table code' },
}

/** What the cards show. */
export interface TableCardsInput {
  title: string
  date: string
  place: string
  language: Language
  tables: Array<Pick<TableView, 'name' | 'joinCode' | 'joinUrl'> & { colour?: TableView['colour'] }>
}

/** Print colours of the table colours (close to tldraw's palette), for the band on each card. */
const PRINT_COLOURS: Record<TableView['colour'], [number, number, number]> = {
  blue: [0.27, 0.39, 0.87],
  green: [0.04, 0.6, 0.4],
  orange: [0.89, 0.44, 0.11],
  red: [0.88, 0.2, 0.2],
  violet: [0.6, 0.33, 0.84],
  yellow: [0.94, 0.71, 0.1],
  'light-blue': [0.29, 0.64, 0.93],
  'light-green': [0.3, 0.73, 0.36],
  'light-red': [0.97, 0.46, 0.46],
  'light-violet': [0.88, 0.53, 0.93],
  grey: [0.6, 0.62, 0.65],
  black: [0.11, 0.11, 0.11],
}

async function embedFonts(pdf: PDFDocument): Promise<{ regular: PDFFont; bold: PDFFont }> {
  const { StandardFonts } = await import('pdf-lib')
  const regular = FONT_FILES.regular.find((f) => existsSync(f))
  const bold = FONT_FILES.bold.find((f) => existsSync(f))
  if (regular && bold) {
    const { default: fontkit } = await import('@pdf-lib/fontkit')
    pdf.registerFontkit(fontkit)
    return {
      regular: await pdf.embedFont(readFileSync(regular), { subset: true }),
      bold: await pdf.embedFont(readFileSync(bold), { subset: true }),
    }
  }
  // Helvetica's WinAnsi encoding covers æ, ø and å, so the cards still print without DejaVu.
  return {
    regular: await pdf.embedFont(StandardFonts.Helvetica),
    bold: await pdf.embedFont(StandardFonts.HelveticaBold),
  }
}

/** The largest size ≤ `max` at which `text` fits in `width`. */
function fitSize(font: PDFFont, text: string, width: number, max: number): number {
  const atOne = font.widthOfTextAtSize(text, 1)
  return atOne > 0 ? Math.min(max, width / atOne) : max
}

/** The PNG of a QR code for `url`, with a quiet zone so phones read it off paper. */
export async function qrPng(url: string): Promise<Buffer> {
  return qrcodeModule().toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 10 })
}

/** Renders the cards of every table as one PDF. */
export async function renderTableCards(input: TableCardsInput): Promise<Uint8Array> {
  // pdf-lib and fontkit are large; loading them on first use keeps them out of an idle server.
  const { PDFDocument, rgb } = await import('pdf-lib')
  const pdf = await PDFDocument.create()
  pdf.setTitle(input.title)
  const fonts = await embedFonts(pdf)
  const texts = TEXTS[input.language]
  const [w, h] = A5
  const inner = w - 2 * MARGIN
  const dark = rgb(0.1, 0.1, 0.12)
  const grey = rgb(0.4, 0.4, 0.45)
  const centred = (
    page: ReturnType<PDFDocument['addPage']>,
    text: string,
    y: number,
    font: PDFFont,
    size: number,
    colour = dark,
  ) => page.drawText(text, { x: (w - font.widthOfTextAtSize(text, size)) / 2, y, size, font, color: colour })

  for (const table of input.tables) {
    const page = pdf.addPage(A5)
    // A band in the table's colour lets people find their table card across the room.
    if (table.colour)
      page.drawRectangle({
        x: 0,
        y: h - 14,
        width: w,
        height: 14,
        color: rgb(...PRINT_COLOURS[table.colour]),
      })
    const subtitle = [input.title, input.date, input.place].filter(Boolean).join(' · ')
    centred(page, subtitle, h - MARGIN - 12, fonts.regular, fitSize(fonts.regular, subtitle, inner, 11), grey)
    centred(page, table.name, h - MARGIN - 62, fonts.bold, fitSize(fonts.bold, table.name, inner, 40))
    const qr = await pdf.embedPng(await qrPng(table.joinUrl))
    const side = 250
    page.drawImage(qr, { x: (w - side) / 2, y: h - MARGIN - 90 - side, width: side, height: side })
    let y = h - MARGIN - 110 - side
    centred(page, texts.scan, y, fonts.regular, fitSize(fonts.regular, texts.scan, inner, 13))
    y -= 30
    centred(page, texts.orGoTo, y, fonts.regular, 11, grey)
    y -= 26
    centred(page, table.joinUrl, y, fonts.bold, fitSize(fonts.bold, table.joinUrl, inner, 20))
    y -= 44
    centred(page, texts.code, y, fonts.regular, 11, grey)
    y -= 40
    const spaced = table.joinCode.split('').join(' ')
    centred(page, spaced, y, fonts.bold, fitSize(fonts.bold, spaced, inner, 36))
  }
  return pdf.save()
}
