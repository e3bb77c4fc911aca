/** Shown when no route matches the address. */
import type { ReactNode } from 'react'
import { useMessages } from './i18n'
import { LanguageSwitch } from './LanguageSwitch'
import { appMessages } from './messages'
import { Link } from './router'
import { usePageTitle } from './usePageTitle'

/** The not-found page. */
export function NotFoundPage(): ReactNode {
  const t = useMessages(appMessages)
  usePageTitle(t('notFoundTitle'))
  return (
    <main className="page-center">
      <h1>{t('notFoundTitle')}</h1>
      <p>{t('notFoundText')}</p>
      <Link to="/" className="button">
        {t('goHome')}
      </Link>
      <LanguageSwitch />
    </main>
  )
}
