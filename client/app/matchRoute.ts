/** Route definitions and path matching for the client router (no framework, history API). */
import type { ComponentType } from 'react'
import type { Lang } from './i18n'

/** What every page component receives from the router. */
export interface PageProps {
  /** Values of the route's `:name` segments, decoded. */
  params: Record<string, string>
}

/** A module whose default export is a page component. */
export interface PageModule {
  default: ComponentType<PageProps>
}

/** One entry of the route table (see routes.ts). */
export interface RouteDef {
  /** Path pattern: literal segments and `:name` captures, e.g. `/w/:workshopId/t/:tableId`. */
  path: string
  /** Document title per language while the route is shown (pages may refine it). */
  title: Record<Lang, string>
  /** Loads the page's module on first visit, so each page is its own chunk. */
  page: () => Promise<PageModule>
  /** Starts the requests the page needs first while its chunk loads (see prefetch.ts). */
  prefetch?: (params: Record<string, string>) => void
}

/** A route matched against a path, with its captured params. */
export interface RouteMatch {
  route: RouteDef
  params: Record<string, string>
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment.length > 0)
}

/** Matches a pattern against a pathname; returns the captured params or null. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const want = splitPath(pattern)
  const got = splitPath(pathname)
  if (want.length !== got.length) return null
  const params: Record<string, string> = {}
  for (let i = 0; i < want.length; i++) {
    const w = want[i]
    let g: string
    try {
      g = decodeURIComponent(got[i])
    } catch {
      return null
    }
    if (w.startsWith(':')) params[w.slice(1)] = g
    else if (w !== g) return null
  }
  return params
}

/** Finds the first route whose pattern matches the pathname. */
export function matchRoute(routes: readonly RouteDef[], pathname: string): RouteMatch | null {
  for (const route of routes) {
    const params = matchPath(route.path, pathname)
    if (params) return { route, params }
  }
  return null
}
