/** The document title: "<page> · Plenum". */
import { useEffect } from 'react'

const APP_NAME = 'Plenum'

/** Sets the document title to the page's title followed by the app name. */
export function setPageTitle(title: string): void {
  document.title = title ? `${title} · ${APP_NAME}` : APP_NAME
}

/** React hook: sets the document title while the calling page is shown. */
export function usePageTitle(title: string | null | undefined): void {
  useEffect(() => {
    if (title) setPageTitle(title)
  }, [title])
}
