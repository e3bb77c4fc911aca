/**
 * Plenum's service worker: keeps the app shell on this device so that a poster opened before
 * opens again while the server cannot be reached (the poster's content comes from the
 * device's IndexedDB copy, not from here).
 *
 * - Pages (navigations) are network-first: a new deploy's index.html always wins when the
 *   server answers; the last one seen is the fallback when it does not.
 * - Built files under /assets/ carry content hashes, so they are cache-first. Besides the
 *   entry files named in index.html, only what a page actually loaded is kept (the page
 *   reports its resources), so a phone that only joins never downloads the canvas code.
 * - /api, /sync and the operational endpoints are never cached or touched.
 * - The cache is named after the build (`?v=` on the script URL, set by the page); caches of
 *   other builds are deleted when this worker activates.
 */
/* eslint-env serviceworker */

const VERSION = new URL(self.location.href).searchParams.get('v') || 'unversioned'
const CACHE_PREFIX = 'plenum-shell-'
const CACHE = CACHE_PREFIX + VERSION
/** Where the last index.html is kept (every client route is served the same page). */
const SHELL_KEY = '/index.html'
/** Paths the worker leaves alone: live data and operations, never cached. */
const BYPASS = ['/api', '/sync', '/healthz', '/readyz', '/metrics']
/** How long a page load waits for the server before the kept page is shown instead. */
const NAVIGATION_TIMEOUT_MS = 6000
/** Answers that mean "the server is not there" from a proxy in front of it. */
const GATEWAY_DOWN = new Set([502, 503, 504])

/** @param {string} pathname */
function bypassed(pathname) {
  return BYPASS.some((p) => pathname === p || pathname.startsWith(`${p}/`))
}

/** @param {string} pathname */
function isBuiltAsset(pathname) {
  return pathname.startsWith('/assets/')
}

/** The /assets/ files an index.html loads up front (entry script, preloads, styles). */
function assetsNamedIn(/** @type {string} */ html) {
  const found = new Set()
  for (const match of html.matchAll(/(?:src|href)="(\/assets\/[^"?#]+)"/g)) found.add(match[1])
  return [...found]
}

/** Stores one built file unless it is already kept. A failure only means it is not kept. */
async function keepAsset(/** @type {Cache} */ cache, /** @type {string} */ path) {
  if (await cache.match(path)) return
  try {
    const response = await fetch(path)
    if (response.status === 200) await cache.put(path, response)
  } catch {
    // Not reachable now; it is fetched again the next time a page needs it.
  }
}

/** Keeps an index.html and the entry files it names, so the kept page can start offline. */
async function keepShell(/** @type {Cache} */ cache, /** @type {Response} */ response) {
  const html = await response.clone().text()
  await Promise.all(assetsNamedIn(html).map((path) => keepAsset(cache, path)))
  await cache.put(SHELL_KEY, response)
}

function isHtml(/** @type {Response} */ response) {
  return (response.headers.get('content-type') || '').includes('text/html')
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE)
      const response = await fetch('/', { cache: 'no-cache' })
      if (response.ok && isHtml(response)) await keepShell(cache, response)
      await self.skipWaiting()
    })(),
  )
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys()
      await Promise.all(
        names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== CACHE).map((n) => caches.delete(n)),
      )
      // Take over pages opened before this worker, so what they load next is kept too.
      await self.clients.claim()
    })(),
  )
})

/** Network-first page load with the kept index.html as the fallback. */
function navigation(/** @type {FetchEvent} */ event) {
  const network = fetch(event.request)
  // Keep every fresh page (and its entry files) once it arrives, even after a timeout.
  event.waitUntil(
    network
      .then(async (response) => {
        if (response.ok && isHtml(response)) await keepShell(await caches.open(CACHE), response.clone())
      })
      .catch(() => {}),
  )
  return (async () => {
    let timer
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error('no answer in time')), NAVIGATION_TIMEOUT_MS)
    })
    try {
      const response = await Promise.race([network, timeout])
      if (!GATEWAY_DOWN.has(response.status)) return response
      return (await caches.match(SHELL_KEY, { cacheName: CACHE })) || response
    } catch (error) {
      const kept = await caches.match(SHELL_KEY, { cacheName: CACHE })
      if (kept) return kept
      // Nothing kept: wait for the network after all, failing as the browser would.
      if (error instanceof Error && error.message === 'no answer in time') return network
      throw error
    } finally {
      clearTimeout(timer)
    }
  })()
}

/** Cache-first for content-hashed files: a kept copy never goes stale. */
async function builtAsset(/** @type {FetchEvent} */ event) {
  const cache = await caches.open(CACHE)
  const kept = await cache.match(event.request)
  if (kept) return kept
  const response = await fetch(event.request)
  if (response.status === 200) event.waitUntil(cache.put(event.request, response.clone()))
  return response
}

self.addEventListener('fetch', (event) => {
  const request = event.request
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== self.location.origin || bypassed(url.pathname)) return
  if (request.mode === 'navigate') event.respondWith(navigation(event))
  else if (isBuiltAsset(url.pathname)) event.respondWith(builtAsset(event))
})

// A page reports the built files it loaded (including those fetched before this worker took
// over, and tldraw's fonts, icons and translations), so they are there when it reloads offline.
self.addEventListener('message', (event) => {
  const data = event.data
  if (data?.type !== 'plenum:keep-assets' || !Array.isArray(data.paths)) return
  const paths = data.paths.filter(
    (p) => typeof p === 'string' && isBuiltAsset(p) && !p.includes('..') && p.length < 300,
  )
  event.waitUntil(caches.open(CACHE).then((cache) => Promise.all(paths.map((p) => keepAsset(cache, p)))))
})
