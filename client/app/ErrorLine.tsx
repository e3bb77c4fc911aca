/** A failed action's message, announced to screen readers; nothing when there is none. */
import type { ReactNode } from 'react'

/** The error paragraph under a form or action, or nothing when `error` is empty. */
export function ErrorLine({ error }: { error: string | null }): ReactNode {
  return error ? (
    <p role="alert" className="pl-error">
      {error}
    </p>
  ) : null
}
