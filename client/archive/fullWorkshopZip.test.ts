import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { addRenderedFiles, FullZipError, posterImagePath } from './fullWorkshopZip'

function serverZip(): Uint8Array {
  const manifest = {
    format: 'plenum-workshop',
    formatVersion: 1,
    exportedAt: '2026-03-05T12:00:00.000Z',
    workshopId: 'w1',
    files: { 'workshop.json': 'a'.repeat(64), 'notes.csv': 'b'.repeat(64) },
  }
  return zipSync({
    'manifest.json': strToU8(JSON.stringify(manifest)),
    'workshop.json': strToU8('{}'),
    'notes.csv': strToU8('a,b\r\n'),
  })
}

describe('addRenderedFiles', () => {
  it('keeps the data files and manifest entries and lists the added files with checksums', async () => {
    const pdf = strToU8('%PDF-1.7 test')
    const out = unzipSync(await addRenderedFiles(serverZip(), { 'report.pdf': pdf }))
    expect(Object.keys(out).sort()).toEqual(['manifest.json', 'notes.csv', 'report.pdf', 'workshop.json'])
    expect(strFromU8(out['report.pdf'])).toBe('%PDF-1.7 test')
    expect(strFromU8(out['notes.csv'])).toBe('a,b\r\n')
    const manifest = JSON.parse(strFromU8(out['manifest.json']))
    expect(manifest.files).toEqual({ 'workshop.json': 'a'.repeat(64), 'notes.csv': 'b'.repeat(64) })
    expect(manifest.format).toBe('plenum-workshop')
    // sha256 of "%PDF-1.7 test", computed independently with Node's crypto.
    const { createHash } = await import('node:crypto')
    expect(manifest.rendered).toEqual({ 'report.pdf': createHash('sha256').update(pdf).digest('hex') })
  })

  it('refuses to overwrite a data file', async () => {
    await expect(addRenderedFiles(serverZip(), { 'notes.csv': strToU8('x') })).rejects.toThrow(FullZipError)
    await expect(addRenderedFiles(serverZip(), { 'manifest.json': strToU8('x') })).rejects.toThrow(
      /already in the archive/,
    )
  })

  it('refuses bytes that are not a ZIP or have no manifest', async () => {
    await expect(addRenderedFiles(strToU8('not a zip'), {})).rejects.toThrow(FullZipError)
    await expect(addRenderedFiles(zipSync({ 'a.txt': strToU8('a') }), {})).rejects.toThrow(/manifest/)
  })
})

describe('posterImagePath', () => {
  it('names images by 1-based round and table number', () => {
    expect(posterImagePath(0, 3, 'png')).toBe('posters/1-3.png')
    expect(posterImagePath(1, 10, 'svg')).toBe('posters/2-10.svg')
  })
})
