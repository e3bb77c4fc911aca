/**
 * Client bundle sizes: every JavaScript chunk of the built client, raw and gzip-compressed
 * (level 6, what a typical server sends). Reads `dist/client/assets`; does not build.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

/** Size of one chunk. */
export interface ChunkSize {
  file: string
  bytes: number
  gzipBytes: number
}

/** Sizes of the built client's chunks (largest first), or null when the client is not built. */
export function measureBundles(
  assetsDir = 'dist/client/assets',
): { chunks: ChunkSize[]; totalGzipBytes: number } | null {
  if (!existsSync(assetsDir)) return null
  const chunks = readdirSync(assetsDir)
    .filter((file) => file.endsWith('.js'))
    .map((file) => {
      const data = readFileSync(join(assetsDir, file))
      return { file, bytes: data.byteLength, gzipBytes: gzipSync(data, { level: 6 }).byteLength }
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes)
  return { chunks, totalGzipBytes: chunks.reduce((total, c) => total + c.gzipBytes, 0) }
}
