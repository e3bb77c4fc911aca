/**
 * A small client router over the history API: `Router` renders the page of the first route
 * matching `location.pathname`, loading its chunk lazily; `navigate` and `Link` move between
 * pages without reloading.
 */
import {
  Component,
  type ComponentType,
  type LazyExoticComponent,
  lazy,
  type MouseEvent,
  type ReactNode,
  Suspense,
  useEffect,
  useLayoutEffect,
  useSyncExternalStore,
} from 'react'
import { useLang, useMessages } from './i18n'
import { matchRoute, type PageProps, type RouteDef } from './matchRoute'
import { appMessages } from './messages'
import { NotFoundPage } from './NotFoundPage'
import { setPageTitle } from './usePageTitle'

const NAVIGATE_EVENT = 'plenum:navigate'

/** Goes to another page of the app without reloading. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', to)
  else history.pushState(null, '', to)
  window.dispatchEvent(new Event(NAVIGATE_EVENT))
  window.scrollTo(0, 0)
}

function subscribeLocation(listener: () => void): () => void {
  window.addEventListener('popstate', listener)
  window.addEventListener(NAVIGATE_EVENT, listener)
  return () => {
    window.removeEventListener('popstate', listener)
    window.removeEventListener(NAVIGATE_EVENT, listener)
  }
}

/** React hook: the current pathname, updated on navigation and back/forward. */
export function usePathname(): string {
  return useSyncExternalStore(
    subscribeLocation,
    () => location.pathname,
    () => '/',
  )
}

/** An in-app link: a real `<a href>` (so open-in-new-tab works) that navigates in place on a plain click. */
export function Link(props: { to: string; className?: string; children: ReactNode }): ReactNode {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    event.preventDefault()
    navigate(props.to)
  }
  return (
    <a href={props.to} className={props.className} onClick={onClick}>
      {props.children}
    </a>
  )
}

const lazyPages = new Map<RouteDef, LazyExoticComponent<ComponentType<PageProps>>>()

function lazyPage(route: RouteDef): LazyExoticComponent<ComponentType<PageProps>> {
  let page = lazyPages.get(route)
  if (!page) {
    page = lazy(route.page)
    lazyPages.set(route, page)
  }
  return page
}

function Loading(): ReactNode {
  const t = useMessages(appMessages)
  return (
    <div className="page-center" aria-busy="true">
      <p>{t('loading')}</p>
    </div>
  )
}

function PageLoadError(): ReactNode {
  const t = useMessages(appMessages)
  return (
    <div className="page-center" role="alert">
      <p>{t('pageLoadFailed')}</p>
      <button type="button" className="button" onClick={() => location.reload()}>
        {t('reload')}
      </button>
    </div>
  )
}

/** Catches a page that failed to load or render, so the user sees a message, not a blank screen. */
class PageBoundary extends Component<{ children: ReactNode; resetKey: string }, { failed: boolean }> {
  state = { failed: false }
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true }
  }
  componentDidUpdate(prev: { resetKey: string }): void {
    if (prev.resetKey !== this.props.resetKey && this.state.failed) this.setState({ failed: false })
  }
  componentDidCatch(error: unknown): void {
    console.error('page failed', error)
  }
  render(): ReactNode {
    return this.state.failed ? <PageLoadError /> : this.props.children
  }
}

/** Renders the page of the route matching the current location. */
export function Router({ routes }: { routes: readonly RouteDef[] }): ReactNode {
  const pathname = usePathname()
  const lang = useLang()
  const match = matchRoute(routes, pathname)
  const title = match?.route.title[lang]
  useEffect(() => {
    if (title) setPageTitle(title)
  }, [title])
  // Before the browser paints the loading state: the page's first requests start alongside its chunk.
  const prefetchPage = match?.route.prefetch
  const params = match?.params
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per location; params follow the pathname
  useLayoutEffect(() => {
    if (prefetchPage && params) prefetchPage(params)
  }, [pathname, prefetchPage])

  if (!match) return <NotFoundPage />
  const Page = lazyPage(match.route)
  return (
    <PageBoundary resetKey={pathname}>
      <Suspense fallback={<Loading />}>
        <Page key={pathname} params={match.params} />
      </Suspense>
    </PageBoundary>
  )
}
