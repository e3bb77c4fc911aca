/**
 * The page's first module (index.html lists it before main.tsx, so it runs before React is
 * even evaluated): starts the first requests of the page being opened (a route's `prefetch`),
 * so they travel while React starts and the page's chunk loads rather than after.
 */
import { matchRoute } from './app/matchRoute'
import { routes } from './app/routes'

const match = matchRoute(routes, location.pathname)
match?.route.prefetch?.(match.params)
