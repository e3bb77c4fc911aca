/** Texts of the table poster page's header. */
import { defineMessages } from '../app/i18n'

/** The table page's dictionary. */
export const tableMessages = defineMessages({
  en: {
    loading: 'Loading the poster…',
    round: 'Round {n}: {title}',
    noRound: 'The workshop has not started yet.',
    questions: 'Questions',
    here: 'Here now',
    nobody: 'Nobody else yet',
    unknownOffline: 'unknown while you are offline',
    notesOnly: 'Notes only',
    notJoined: 'You have not joined this table on this device.',
    goJoin: 'Join with a code',
    noPoster: 'This table has no poster in this round.',
    failed: 'Something went wrong: {message}',
    readOnlyOther: 'You are at another table: you can look, but not write here.',
  },
  da: {
    loading: 'Henter plakaten…',
    round: 'Runde {n}: {title}',
    noRound: 'Workshoppen er ikke begyndt endnu.',
    questions: 'Spørgsmål',
    here: 'Her nu',
    nobody: 'Ingen andre endnu',
    unknownOffline: 'ukendt, mens du er offline',
    notesOnly: 'Kun noter',
    notJoined: 'Du har ikke meldt dig ved dette bord på denne enhed.',
    goJoin: 'Deltag med en kode',
    noPoster: 'Bordet har ingen plakat i denne runde.',
    failed: 'Noget gik galt: {message}',
    readOnlyOther: 'Du sidder ved et andet bord: du kan se med, men ikke skrive her.',
  },
})
