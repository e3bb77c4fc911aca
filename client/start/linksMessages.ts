/** Texts of the links panel (after creating a workshop, and on the setup page). */
import { defineMessages } from '../app/i18n'

/** The links panel's dictionary. */
export const linksMessages = defineMessages({
  en: {
    links: 'Links',
    organizer: 'Organizer link (set-up, archive, everything)',
    facilitator: 'Facilitator link (the wall and the rounds)',
    screen: 'Projector link (read-only big screen)',
    copy: 'Copy',
    copied: 'Copied',
    copyLabel: 'Copy the {what}',
    keepSafe:
      'Keep the organizer link safe: anyone who has it can change and delete the workshop. It is shown only now, so save it (bookmark it or paste it into your notes).',
    notStored:
      'The facilitator and projector links are not kept on this device. The set-up page can make new ones.',
    tables: 'Tables and join codes',
    workshopCode: 'Workshop code: {code} (participants choose their table on {url})',
    table: 'Table',
    code: 'Join code',
    poster: 'Poster',
    openPoster: 'Open poster of {table}',
    joinLink: 'Join link',
  },
  da: {
    links: 'Links',
    organizer: 'Arrangørlink (opsætning, arkiv, alt)',
    facilitator: 'Facilitatorlink (væggen og runderne)',
    screen: 'Projektorlink (storskærm, kun visning)',
    copy: 'Kopiér',
    copied: 'Kopieret',
    copyLabel: 'Kopiér {what}',
    keepSafe:
      'Pas godt på arrangørlinket: alle, der har det, kan ændre og slette workshoppen. Det vises kun nu, så gem det (bogmærke eller i dine noter).',
    notStored: 'Facilitator- og projektorlinket er ikke gemt på denne enhed. Opsætningssiden kan lave nye.',
    tables: 'Borde og koder',
    workshopCode: 'Workshopkode: {code} (deltagerne vælger bord på {url})',
    table: 'Bord',
    code: 'Kode',
    poster: 'Plakat',
    openPoster: 'Åbn plakaten for {table}',
    joinLink: 'Deltagerlink',
  },
})
