/**
 * Reads the entries of an uploaded ZIP without trusting it. The sizes a ZIP states for its
 * files are whatever the sender wrote, so the only size believed is the one that matters: the
 * bytes actually inflated. Each kept entry is inflated by zlib on the thread pool with a cap on
 * its output (`maxOutputLength`), so inflating stops as soon as an entry would pass its bound
 * or the archive's total, and the event loop is never busy with it: other requests and every
 * poster stay live while an archive is read. Entries the caller does not want are not inflated.
 */
import { createHash } from 'node:crypto'
import { promisify } from 'node:util'
import { inflateRaw } from 'node:zlib'

/** Bounds of one archive read. */
export interface ArchiveLimits {
  /** Most inflated bytes over all kept entries. */
  maxTotalBytes: number
  /** Most entries the archive may hold (kept or not). */
  maxEntries: number
}

/** One kept entry: its inflated bytes and their SHA-256 (hex). */
export interface ArchiveEntry {
  data: Uint8Array
  sha256: string
}

/** What a read found. */
export interface ArchiveContents {
  /** The kept entries by path. */
  entries: Map<string, ArchiveEntry>
  /** Every entry name in the archive, kept or not. */
  names: Set<string>
}

/** Thrown when the archive breaks a bound or is not a ZIP; the message says which. */
export class ArchiveLimitError extends Error {
  override name = 'ArchiveLimitError'
}

const inflate = promisify(inflateRaw)
const NOT_A_ZIP = 'the file is not a ZIP archive, or it is damaged'
const END_OF_DIRECTORY = 0x06054b50
const DIRECTORY_ENTRY = 0x02014b50
const LOCAL_HEADER = 0x04034b50

interface DirectoryEntry {
  name: string
  method: number
  flags: number
  compressedSize: number
  localOffset: number
}

/** The central directory: names, methods and where each file's data starts. */
function directory(zip: Uint8Array, maxEntries: number): DirectoryEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  let end = -1
  // The end record is the last 22 bytes plus a comment of at most 65,535 bytes.
  for (let at = zip.byteLength - 22; at >= Math.max(0, zip.byteLength - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === END_OF_DIRECTORY) {
      end = at
      break
    }
  }
  if (end < 0) throw new ArchiveLimitError(NOT_A_ZIP)
  const count = view.getUint16(end + 10, true)
  let at = view.getUint32(end + 16, true)
  if (count === 0xffff || at === 0xffffffff) throw new ArchiveLimitError('ZIP64 archives are not supported')
  if (count > maxEntries) throw new ArchiveLimitError(`the archive holds more than ${maxEntries} files`)
  const decoder = new TextDecoder()
  const entries: DirectoryEntry[] = []
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.byteLength || view.getUint32(at, true) !== DIRECTORY_ENTRY)
      throw new ArchiveLimitError(NOT_A_ZIP)
    const nameLength = view.getUint16(at + 28, true)
    const entry: DirectoryEntry = {
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      localOffset: view.getUint32(at + 42, true),
      name: decoder.decode(zip.subarray(at + 46, at + 46 + nameLength)),
    }
    entries.push(entry)
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true)
  }
  return entries
}

/** The compressed bytes of one entry, found through its local header. */
function dataOf(zip: Uint8Array, e: DirectoryEntry): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  const at = e.localOffset
  if (at + 30 > zip.byteLength || view.getUint32(at, true) !== LOCAL_HEADER)
    throw new ArchiveLimitError(NOT_A_ZIP)
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true)
  if (start + e.compressedSize > zip.byteLength) throw new ArchiveLimitError(NOT_A_ZIP)
  return zip.subarray(start, start + e.compressedSize)
}

/** Inflates `data` (method 8) or takes it as it is (method 0), stopping past `cap` bytes. */
async function unpack(e: DirectoryEntry, data: Uint8Array, cap: number): Promise<Uint8Array | null> {
  if (e.method === 0) return data.byteLength > cap ? null : data
  if (e.method !== 8)
    throw new ArchiveLimitError(`${e.name} uses a compression method this server does not read`)
  try {
    const out = await inflate(data, { maxOutputLength: Math.max(cap, 1) })
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength)
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return null
    throw new ArchiveLimitError(`${e.name} cannot be unpacked: the file is damaged`)
  }
}

/**
 * Reads `zip`, keeping the entries for which `maxBytes(path)` gives a bound (in inflated bytes)
 * and skipping those for which it gives null.
 */
export async function readArchive(
  zip: Uint8Array,
  maxBytes: (path: string) => number | null,
  limits: ArchiveLimits,
): Promise<ArchiveContents> {
  const entries = new Map<string, ArchiveEntry>()
  const names = new Set<string>()
  let total = 0
  for (const e of directory(zip, limits.maxEntries)) {
    if (names.has(e.name)) throw new ArchiveLimitError(`the archive holds ${e.name} twice`)
    names.add(e.name)
    const bound = e.name.endsWith('/') ? null : maxBytes(e.name)
    if (bound === null) continue
    if (e.flags & 1) throw new ArchiveLimitError(`${e.name} is encrypted`)
    const left = limits.maxTotalBytes - total
    const data = await unpack(e, dataOf(zip, e), Math.min(bound, left))
    if (data === null) {
      throw new ArchiveLimitError(
        bound <= left
          ? `${e.name} unpacks to more than ${bound} bytes`
          : `the archive unpacks to more than ${limits.maxTotalBytes} bytes`,
      )
    }
    total += data.byteLength
    entries.set(e.name, { data, sha256: createHash('sha256').update(data).digest('hex') })
  }
  return { entries, names }
}
