/**
 * Image upload and download: `POST /api/assets` (multipart field `file`, or the raw image as
 * the body) stores an image through the DocumentStore and returns its URL;
 * `GET /api/assets/:key` serves it with long cache headers (keys are never reused).
 */
import { randomBytes } from 'node:crypto'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { HTTPException } from 'hono/http-exception'
import { parseDocName } from '../../shared/docNames'
import { clientAddress } from '../http/clientAddress'
import { bearer } from '../http/request'
import { QuotaError } from '../sandbox/SandboxQuota'
import type { Services } from '../services'
import type { Access } from '../sync/types'

/** Image types accepted for upload, with the file signature each must start with. */
const IMAGE_TYPES: Record<string, (bytes: Uint8Array) => boolean> = {
  'image/png': (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47,
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/gif': (b) => b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46,
  'image/webp': (b) => b[0] === 0x52 && b[1] === 0x49 && b[8] === 0x57 && b[9] === 0x45,
  'image/svg+xml': (b) => /<svg[\s>]/i.test(new TextDecoder().decode(b.subarray(0, 4096))),
}

/** Asset keys: `<scope>.<random>`; scope is the document the image belongs to, so deleting a
 * workshop's documents can delete their images by prefix. */
const KEY_PATTERN = /^[A-Za-z0-9_-]{1,80}\.[a-f0-9]{32}$/

/** Builds the key of a new asset uploaded for `docName` (or unscoped). */
export function newAssetKey(docName: string | null): string {
  return `${docName ?? 'x-shared'}.${randomBytes(16).toString('hex')}`
}

/** The asset routes, mounted at `/api/assets`. */
export function assetRoutes(ctx: Services): Hono {
  const app = new Hono()
  const { maxAssetBytes } = ctx.config

  app.post(
    '/',
    bodyLimit({
      // Multipart framing adds a little to the file itself.
      maxSize: maxAssetBytes + 16 * 1024,
      onError: (c) => c.json({ error: `the image is larger than ${maxAssetBytes} bytes` }, 413),
    }),
    async (c) => {
      const docParam = c.req.query('doc') ?? null
      if (docParam !== null && !parseDocName(docParam)) {
        throw new HTTPException(400, { message: 'doc must be a document name such as p-abc' })
      }
      // Uploading needs write access to the poster the image goes on (sandboxes are open).
      const docName = docParam ?? (ctx.config.allowSandbox ? null : 'x-none')
      // Without a workshop key (no document, or a sandbox poster) the upload is anonymous.
      let anonymous = docName === null
      if (docName) {
        let access: Access
        try {
          access = await ctx.rooms.authorize(docName, bearer(c))
        } catch {
          throw new HTTPException(403, { message: 'this key may not add images to that poster' })
        }
        if (!access.canWrite()) throw new HTTPException(403, { message: 'the poster is read-only right now' })
        anonymous = access.role === 'sandbox'
      }
      let contentType: string
      let data: Uint8Array
      const requestType = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase()
      if (requestType === 'multipart/form-data') {
        const body = await c.req.parseBody()
        const file = body.file
        if (!(file instanceof File))
          throw new HTTPException(400, { message: 'multipart field "file" is missing' })
        contentType = file.type.toLowerCase()
        data = new Uint8Array(await file.arrayBuffer())
      } else {
        contentType = requestType
        data = new Uint8Array(await c.req.arrayBuffer())
      }
      const matches = IMAGE_TYPES[contentType]
      if (!matches) {
        throw new HTTPException(415, {
          message: `only images may be uploaded (${Object.keys(IMAGE_TYPES).join(', ')}), got "${contentType}"`,
        })
      }
      if (data.byteLength === 0) throw new HTTPException(400, { message: 'the image is empty' })
      if (data.byteLength > maxAssetBytes) {
        throw new HTTPException(413, { message: `the image is larger than ${maxAssetBytes} bytes` })
      }
      if (!matches(data)) throw new HTTPException(400, { message: `the file is not a ${contentType} image` })
      if (anonymous) {
        try {
          ctx.sandboxQuota.admitAsset(clientAddress(c, ctx.resolveAddress), data.byteLength)
        } catch (err) {
          if (err instanceof QuotaError) throw new HTTPException(429, { message: err.message })
          throw err
        }
      }
      const key = newAssetKey(docParam)
      await ctx.documents.putAsset(key, { contentType, data })
      ctx.logger.info('asset stored', { key, bytes: data.byteLength, contentType })
      return c.json({ url: `/api/assets/${key}`, key }, 201)
    },
  )

  app.get('/:key', async (c) => {
    const key = c.req.param('key')
    if (!KEY_PATTERN.test(key)) return c.json({ error: 'malformed asset key' }, 400)
    const asset = await ctx.documents.getAsset(key)
    if (!asset) return c.json({ error: 'no such asset' }, 404)
    return c.body(asset.data as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': asset.contentType,
      'Content-Length': String(asset.data.byteLength),
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
      // An uploaded SVG must not run scripts in our origin.
      'Content-Security-Policy': "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox",
    })
  })

  return app
}
