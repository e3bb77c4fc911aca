/**
 * "Homework — open until 10 November 22:00" on a group's poster and notes page while the
 * current round is homework (the round timer is not used for a deadline days away).
 */
import type { ReactNode } from 'react'
import { formatWhen } from '../../shared/homeworkLetter'
import { useLang, useMessages } from '../app/i18n'
import { useHomeworkStatus } from './HomeworkPanel'
import { seriesMessages } from './seriesMessages'

/** The homework deadline of `roundId`, or nothing when that round is not homework. */
export function HomeworkDeadline(props: {
  workshopId: string
  token: string | null
  roundId: string | null
  className?: string
}): ReactNode {
  const t = useMessages(seriesMessages)
  const lang = useLang()
  const [status] = useHomeworkStatus(props.workshopId, props.token)
  const homework = status?.homework
  if (!homework || !props.roundId || homework.roundId !== props.roundId) return null
  return (
    <span className={props.className} data-testid="homework-deadline">
      {homework.closed
        ? `${homework.title}: ${t('homeworkClosed')}`
        : `${homework.title}: ${t('openUntil', { when: formatWhen(homework.closesAt, lang) })}`}
    </span>
  )
}
