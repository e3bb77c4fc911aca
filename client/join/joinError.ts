/** What the join page says when looking up a code or joining fails. */

import { ApiError } from '../app/api'
import type { Translate } from '../app/i18n'
import type { joinMessages } from './joinMessages'

type T = Translate<keyof (typeof joinMessages)['en']>

/** Message for a failed lookup or join, in the page's language. */
export function errorText(err: unknown, t: T): string {
  if (err instanceof ApiError) {
    if (err.status === 404) return t('unknownCode')
    if (err.status === 429) return t('tooMany')
    if (err.status === 0) return t('offline')
  }
  return t('failed', { message: (err as Error).message })
}
