/** Route `/p/:docName`: a free poster anyone with the link may edit (no token). */
import type { ReactNode } from 'react'
import { useMessages } from '../app/i18n'
import type { PageProps } from '../app/matchRoute'
import { usePageTitle } from '../app/usePageTitle'
import { posterMessages } from './messages'
import { PosterPage } from './PosterPage'

/** The sandbox poster page. */
export default function SandboxPosterPage({ params }: PageProps): ReactNode {
  const t = useMessages(posterMessages)
  usePageTitle(t('posterTitle'))
  return <PosterPage docName={params.docName} />
}
