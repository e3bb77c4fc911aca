/** The organizer's links and the tables with their join codes. */
import type { TableView } from '../../shared/api'
import { useMessages } from '../app/i18n'
import { CopyField } from './CopyField'
import { linksMessages } from './linksMessages'

/** Links of a workshop; each may be missing when it is not known on this device. */
export interface WorkshopLinkSet {
  organizerUrl?: string
  facilitatorUrl?: string
  screenUrl?: string
}

/** Makes a link absolute on this origin (the API may answer with paths). */
export function absoluteUrl(url: string): string {
  return new URL(url, location.origin).href
}

/** The three role links, with the warning to keep the organizer link safe. */
export function RoleLinks({ links, showWarning }: { links: WorkshopLinkSet; showWarning: boolean }) {
  const t = useMessages(linksMessages)
  return (
    <section className="pl-card pl-stack" aria-labelledby="links-heading">
      <h2 id="links-heading">{t('links')}</h2>
      {showWarning ? (
        <p className="pl-warning" role="note">
          {t('keepSafe')}
        </p>
      ) : null}
      {links.organizerUrl ? (
        <CopyField label={t('organizer')} value={absoluteUrl(links.organizerUrl)} testId="organizer-link" />
      ) : null}
      {links.facilitatorUrl ? (
        <CopyField
          label={t('facilitator')}
          value={absoluteUrl(links.facilitatorUrl)}
          testId="facilitator-link"
        />
      ) : null}
      {links.screenUrl ? (
        <CopyField label={t('screen')} value={absoluteUrl(links.screenUrl)} testId="screen-link" />
      ) : null}
      {!links.facilitatorUrl || !links.screenUrl ? <p className="pl-muted">{t('notStored')}</p> : null}
    </section>
  )
}

/** A table of the workshop as the organizer sees it. */
export type TableRow = Pick<TableView, 'id' | 'number' | 'name' | 'colour'> &
  Partial<Pick<TableView, 'joinCode' | 'joinUrl'>>

/** The tables with join codes, join links and (when given) a link to each poster. */
export function TablesWithCodes(props: {
  code?: string
  tables: TableRow[]
  posterHref?: (tableId: string) => string
}) {
  const t = useMessages(linksMessages)
  return (
    <section className="pl-card pl-stack" aria-labelledby="tables-heading">
      <h2 id="tables-heading">{t('tables')}</h2>
      {props.code ? <p>{t('workshopCode', { code: props.code, url: `${location.host}/join` })}</p> : null}
      <div className="pl-scroll">
        <table className="pl-table">
          <thead>
            <tr>
              <th scope="col">{t('table')}</th>
              <th scope="col">{t('code')}</th>
              <th scope="col">{t('joinLink')}</th>
              {props.posterHref ? <th scope="col">{t('poster')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {props.tables.map((table) => (
              <tr key={table.id} data-testid="table-row">
                <th scope="row" data-colour={table.colour} className="pl-table-name">
                  {table.name}
                </th>
                <td className="pl-code" data-testid="join-code">
                  {table.joinCode ?? '–'}
                </td>
                <td>
                  {table.joinUrl ? (
                    <a href={table.joinUrl}>{new URL(table.joinUrl, location.origin).pathname}</a>
                  ) : (
                    '–'
                  )}
                </td>
                {props.posterHref ? (
                  <td>
                    <a href={props.posterHref(table.id)} aria-label={t('openPoster', { table: table.name })}>
                      {t('poster')}
                    </a>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
