/**
 * tldraw's license key, baked in at build time from `TLDRAW_LICENSE_KEY` or
 * `VITE_TLDRAW_LICENSE_KEY` (vite.config.ts passes both prefixes). Without one, tldraw runs
 * only in development (plain HTTP or loopback) and shows its English "Get a license for
 * production" notice on the canvas; its license forbids hiding that notice.
 */
export const TLDRAW_LICENSE_KEY: string | undefined =
  import.meta.env.VITE_TLDRAW_LICENSE_KEY || import.meta.env.TLDRAW_LICENSE_KEY || undefined
