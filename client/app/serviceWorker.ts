/**
 * Registers the service worker (`client/public/sw.js`) that keeps the app shell on this
 * device, so a poster opened before opens again while the server is unreachable. Production
 * builds only, and only where browsers allow service workers: HTTPS or localhost. (A LAN
 * address over plain HTTP is not a secure context; there the app works online only.)
 */

/** Message type the worker listens for: built files this page loaded, to keep for offline use. */
export const KEEP_ASSETS_MESSAGE = 'plenum:keep-assets'

/** The build's identity, taken from the entry chunk's content-hashed file name. */
export function buildVersion(entryUrl: string): string {
  const file = new URL(entryUrl).pathname.split('/').pop() ?? ''
  const match = /-([A-Za-z0-9_-]{6,})\.js$/.exec(file)
  return match ? match[1] : 'unversioned'
}

/** The path of a same-origin built file (`/assets/…`), or null for anything else. */
export function builtAssetPath(resourceUrl: string, origin: string): string | null {
  let url: URL
  try {
    url = new URL(resourceUrl)
  } catch {
    return null
  }
  if (url.origin !== origin || !url.pathname.startsWith('/assets/')) return null
  return url.pathname
}

/** True where a service worker may and should run: a production build in a secure context. */
export function canUseServiceWorker(): boolean {
  return (
    import.meta.env.PROD &&
    typeof navigator !== 'undefined' &&
    'serviceWorker' in navigator &&
    isSecureContext
  )
}

/** Registers the worker and reports the built files this page loads to it. Never throws. */
export function registerServiceWorker(): void {
  if (!canUseServiceWorker()) return
  const version = buildVersion(import.meta.url)
  navigator.serviceWorker.register(`/sw.js?v=${encodeURIComponent(version)}`).catch((error: unknown) => {
    console.warn('offline support is not available:', error)
  })
  void navigator.serviceWorker.ready.then(reportLoadedAssets)
}

/**
 * Tells the worker about every built file this page loads, now and later (lazy pages, tldraw's
 * fonts, icons and translations): files fetched before the worker took over are kept too.
 */
function reportLoadedAssets(registration: ServiceWorkerRegistration): void {
  if (typeof PerformanceObserver === 'undefined') return
  let pending = new Set<string>()
  let timer: ReturnType<typeof setTimeout> | null = null
  const send = () => {
    timer = null
    const worker = registration.active
    if (!worker || pending.size === 0) return
    worker.postMessage({ type: KEEP_ASSETS_MESSAGE, paths: [...pending] })
    pending = new Set()
  }
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const path = builtAssetPath(entry.name, location.origin)
      if (path) pending.add(path)
    }
    if (pending.size > 0 && !timer) timer = setTimeout(send, 500)
  })
  observer.observe({ type: 'resource', buffered: true })
}
