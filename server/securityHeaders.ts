/**
 * Security headers on every response. Pages get a Content Security Policy that allows only
 * this origin's scripts, styles, fonts, images and sockets; nothing may frame any page
 * (click-jacking), the screen view included: a projector opens it as a page of its own.
 * Everything else (JSON, downloads, images) gets the strictest policy, which stops a
 * downloaded or uploaded file from running script if a browser ever renders it.
 *
 * Styles keep 'unsafe-inline': tldraw and React set `style` attributes and tldraw injects
 * `<style>` elements at run time (measured in Chromium, see e2e/csp.spec.ts). Scripts do not:
 * the build has no inline script, so an injected `<script>` or event handler attribute is refused.
 */
import type { Context, MiddlewareHandler } from 'hono'

/** The policy of the HTML pages. */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  // data: for the small assets the build inlines (tldraw fetches an empty translation file).
  "connect-src 'self' data:",
  "media-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

/** The policy of every other response: nothing may load or run, nothing may frame it. */
export const RESOURCE_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox"

/** HSTS for a server reached over HTTPS: a year, subdomains not included (they may be others'). */
export const HSTS = 'max-age=31536000'

/** Adds the security headers; `https` tells whether a request reached the server over HTTPS. */
export function securityHeaders(https: (c: Context) => boolean): MiddlewareHandler {
  return async (c, next) => {
    await next()
    const h = c.res.headers
    // Scripts too: a service worker runs under the policy its own script arrived with.
    const page = /^(text\/html|text\/javascript|application\/javascript)/.test(h.get('content-type') ?? '')
    // A route may set a policy of its own (an uploaded SVG gets one that lets it show its styles).
    if (!h.has('Content-Security-Policy')) h.set('Content-Security-Policy', page ? PAGE_CSP : RESOURCE_CSP)
    h.set('X-Content-Type-Options', 'nosniff')
    h.set('Referrer-Policy', 'no-referrer')
    h.set('X-Frame-Options', 'DENY')
    h.set('Cross-Origin-Opener-Policy', 'same-origin')
    if (https(c)) h.set('Strict-Transport-Security', HSTS)
  }
}
