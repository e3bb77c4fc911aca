/** Explains why the server closed the poster for good (bad link, no access, gone). */
import type { ReactNode } from 'react'
import { CloseCode } from '../../shared/closeCodes'
import { useMessages } from '../app/i18n'
import { posterMessages } from './messages'

const MESSAGE_BY_CODE = {
  [CloseCode.Unauthorized]: 'refused4001',
  [CloseCode.Forbidden]: 'refused4003',
  [CloseCode.NotFound]: 'refused4004',
  [CloseCode.InvalidRecord]: 'refused4006',
  [CloseCode.DocumentTooLarge]: 'refused4010',
  [CloseCode.QuotaExceeded]: 'refused4013',
} as const

/** Refusals a reload cannot undo: the link, the access or the poster itself is the problem. */
const FINAL: ReadonlySet<number> = new Set([
  CloseCode.Unauthorized,
  CloseCode.Forbidden,
  CloseCode.NotFound,
  CloseCode.DocumentTooLarge,
  CloseCode.QuotaExceeded,
])

/** A blocking message, with a reload button where reloading can help. */
export function RefusedBanner({ code }: { code: number | null }): ReactNode {
  const t = useMessages(posterMessages)
  const key = code !== null ? MESSAGE_BY_CODE[code as keyof typeof MESSAGE_BY_CODE] : undefined
  return (
    <div className="poster-banner" role="alert">
      <p>{key ? t(key) : t('refusedOther', { code: code ?? '?' })}</p>
      {code !== null && FINAL.has(code) ? null : (
        <button type="button" className="button" onClick={() => location.reload()}>
          {t('reload')}
        </button>
      )}
    </div>
  )
}
