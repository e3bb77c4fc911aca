/** The bar above a table's poster: table, round, the round's questions, who is here, language. */
import { useMessages } from '../app/i18n'
import { LanguageSwitch } from '../app/LanguageSwitch'
import { Link } from '../app/router'
import { tableMessages } from './tableMessages'
import type { TableContext } from './useTableContext'

type Ready = Extract<TableContext, { status: 'ready' }>

/** Header of the participant poster page. */
export function TableHeader({
  ctx,
  names,
  notesHref,
}: {
  ctx: Ready
  /** Who is on the poster now; 'unknown' while offline; null while the poster is not open here. */
  names: string[] | 'unknown' | null
  notesHref: string
}) {
  const t = useMessages(tableMessages)
  const round = ctx.round
  return (
    <header className="pl-table-header">
      <div className="pl-table-header__main">
        <h1 className="pl-table-header__title">
          <span className="pl-table-header__table">{ctx.tableName}</span>
          <span className="pl-table-header__round">
            {round ? t('round', { n: round.index + 1, title: round.title }) : t('noRound')}
          </span>
        </h1>
        {names !== null ? (
          <p className="pl-table-header__here" aria-live="polite">
            <span className="pl-table-header__label">{t('here')}:</span>{' '}
            {names === 'unknown' ? t('unknownOffline') : names.length > 0 ? names.join(', ') : t('nobody')}
          </p>
        ) : null}
        <div className="pl-table-header__tools">
          <Link to={notesHref} className="pl-button pl-small">
            {t('notesOnly')}
          </Link>
          <LanguageSwitch />
        </div>
      </div>
      {round && round.questions.length > 0 ? (
        <details
          className="pl-table-header__questions"
          open={!window.matchMedia('(max-width: 600px)').matches}
        >
          <summary>{t('questions')}</summary>
          <ol>
            {round.questions.map((q) => (
              <li key={q}>{q}</li>
            ))}
          </ol>
        </details>
      ) : null}
    </header>
  )
}
