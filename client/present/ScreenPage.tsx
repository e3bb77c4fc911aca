/**
 * The projector (`/w/:workshopId/screen#k=SCREEN_KEY`): the presented poster full-screen, as
 * large note cards per question (or the canvas, as the presenter picked), with no cursors and no editor
 * chrome; only the table's name and the timer in a slim strip. Follows the control document.
 */
import { type ReactNode, useState } from 'react'
import { readFragmentParam } from '../app/fragment'
import { useMessages } from '../app/i18n'
import type { PageProps } from '../app/matchRoute'
import { ReconnectingMark } from '../live/ReconnectingMark'
import { useControl } from '../live/useControl'
import { PresentedPoster } from './PresentedPoster'
import { presentMessages } from './presentMessages'
import { TimerDisplay } from './TimerDisplay'
import './present.css'

/** The projector page. */
export default function ScreenPage({ params }: PageProps): ReactNode {
  const t = useMessages(presentMessages)
  const [key] = useState(() => readFragmentParam('k'))
  const { control } = useControl(params.workshopId, key)
  const presenting = control.presenting
  if (!key) return <p className="page-center">{t('noAccess')}</p>
  return (
    <div className="screen" data-testid="screen">
      <div className="screen__strip">
        <span className="screen__table" data-testid="screen-table">
          {presenting ? presenting.tableName : control.roundTitle}
        </span>
        <ReconnectingMark className="screen__reconnecting" />
        <TimerDisplay timer={control.timer} className="screen__timer" />
      </div>
      {presenting ? (
        <PresentedPoster
          key={presenting.posterId}
          posterId={presenting.posterId}
          docName={presenting.docName}
          token={key}
          frameId={presenting.frameId}
          view={presenting.view}
          label={presenting.tableName}
          tallies={control.tallies[presenting.posterId]}
          className="screen__poster"
        />
      ) : (
        <p className="screen__idle">{t('screenIdle')}</p>
      )}
    </div>
  )
}
