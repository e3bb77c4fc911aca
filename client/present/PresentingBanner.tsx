/**
 * The plenary banner on participants' posters: "Bord 3 præsenterer / Table 3 is presenting"
 * with a Follow button that shows the presented poster full-screen, following the presenter
 * from table to table and question to question, until the participant goes back.
 */
import { type ReactNode, useState } from 'react'
import type { ControlState } from '../../shared/controlDoc'
import { useMessages } from '../app/i18n'
import { useControl } from '../live/useControl'
import { PresentedPoster } from './PresentedPoster'
import { presentMessages } from './presentMessages'
import './present.css'

/** Props of the banner. */
export interface PresentingBannerProps {
  workshopId: string
  /** The participant token (or a staff key) used to read the control document and the presented poster. */
  token: string | null
  /** The control state, when the page already follows it. */
  control?: ControlState | null
}

/** A followed poster is read at arm's length: smaller text than the projector's is fine. */
const FOLLOW_MIN_FONT_PX = 16

/** Renders nothing until a table presents; then the banner, and the followed poster when asked. */
export function PresentingBanner(props: PresentingBannerProps): ReactNode {
  const { workshopId, token } = props
  const t = useMessages(presentMessages)
  // The page's control state when given; else the banner follows the control document itself,
  // over the page's connection when it has one (useLiveDoc shares it).
  const own = useControl(props.control === undefined ? workshopId : null, token)
  const control = props.control === undefined ? own.control : props.control
  const [following, setFollowing] = useState(false)
  const presenting = control?.presenting ?? null
  if (!presenting) return null
  const title = t('presenting', { table: presenting.tableName })
  return (
    <>
      <div className="presenting-banner" role="status" data-testid="presenting-banner">
        <span className="presenting-banner__text">{title}</span>
        <button type="button" className="presenting-banner__button" onClick={() => setFollowing((f) => !f)}>
          {following ? t('stopFollowing') : t('follow')}
        </button>
      </div>
      {following && (
        <div className="presenting-follow" data-testid="presenting-follow">
          <PresentedPoster
            key={presenting.posterId}
            posterId={presenting.posterId}
            docName={presenting.docName}
            token={token}
            frameId={presenting.frameId}
            view={presenting.view}
            minFontPx={FOLLOW_MIN_FONT_PX}
            tallies={control?.tallies[presenting.posterId]}
            label={title}
          />
        </div>
      )}
    </>
  )
}
