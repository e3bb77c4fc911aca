/**
 * Test helper: ZIP archives as an attacker writes them. Entries are raw DEFLATE streams of
 * zeros whose local and central headers claim whatever size the caller likes, so a reader that
 * trusts the headers is fooled, and a reader that counts inflated bytes is not.
 */
import { createDeflateRaw, deflateRawSync } from 'node:zlib'

/** One entry: its name, its DEFLATE bytes and the uncompressed size its headers claim. */
export interface HostileEntry {
  name: string
  deflated: Uint8Array
  claimedSize: number
}

/** Raw DEFLATE of `bytes` zero bytes, produced in 1 MiB steps so the zeros are never held at once. */
export async function deflatedZeros(bytes: number): Promise<Uint8Array> {
  const deflate = createDeflateRaw({ level: 9 })
  const out: Buffer[] = []
  deflate.on('data', (c: Buffer) => out.push(c))
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve)
    deflate.on('error', reject)
  })
  const step = Buffer.alloc(1024 * 1024)
  for (let left = bytes; left > 0; left -= step.byteLength) {
    const chunk = left >= step.byteLength ? step : step.subarray(0, left)
    if (!deflate.write(chunk)) await new Promise((r) => deflate.once('drain', r))
  }
  deflate.end()
  await done
  return new Uint8Array(Buffer.concat(out))
}

/** An entry holding `text`, deflated, with honest headers. */
export function textEntry(name: string, text: string): HostileEntry {
  const raw = Buffer.from(text)
  return { name, deflated: new Uint8Array(deflateRawSync(raw)), claimedSize: raw.byteLength }
}

/** Writes a ZIP of `entries` (method 8, CRC left at zero, as an attacker need not compute it). */
export function hostileZip(entries: HostileEntry[]): Uint8Array {
  const parts: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const name = Buffer.from(e.name)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(e.deflated.byteLength, 18)
    local.writeUInt32LE(e.claimedSize, 22)
    local.writeUInt16LE(name.byteLength, 26)
    parts.push(local, name, Buffer.from(e.deflated))
    const dir = Buffer.alloc(46)
    dir.writeUInt32LE(0x02014b50, 0)
    dir.writeUInt16LE(20, 4)
    dir.writeUInt16LE(20, 6)
    dir.writeUInt16LE(8, 10)
    dir.writeUInt32LE(e.deflated.byteLength, 20)
    dir.writeUInt32LE(e.claimedSize, 24)
    dir.writeUInt16LE(name.byteLength, 28)
    dir.writeUInt32LE(offset, 42)
    central.push(dir, name)
    offset += 30 + name.byteLength + e.deflated.byteLength
  }
  const dirBytes = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(dirBytes.byteLength, 12)
  end.writeUInt32LE(offset, 16)
  return new Uint8Array(Buffer.concat([...parts, dirBytes, end]))
}
