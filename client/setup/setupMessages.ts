/** Texts of the set-up page. */
import { defineMessages } from '../app/i18n'

/** The set-up page's dictionary. */
export const setupMessages = defineMessages({
  en: {
    pageTitle: 'Set-up',
    heading: 'Set-up: {title}',
    loading: 'Loading the workshop…',
    noKey:
      'This page needs the organizer link (it ends in #k=…). Open the link you got when the workshop was created.',
    denied: 'This link does not open the set-up of this workshop.',
    failed: 'Something went wrong: {message}',
    save: 'Save changes',
    saving: 'Saving…',
    saved: 'Saved.',
    saveFailed: 'Not saved: {message}',
    cards: 'Print table cards (PDF)',
    cardsBusy: 'Preparing the PDF…',
    cardsFailed: 'The table cards could not be made: {message}',
    wall: 'Open the wall',
    archive: 'Archive and export',
    goTo: 'Go to',
    retention: 'This server deletes the workshop and all its data on {date} ({days} days after its date).',
  },
  da: {
    pageTitle: 'Opsætning',
    heading: 'Opsætning: {title}',
    loading: 'Henter workshoppen…',
    noKey:
      'Siden kræver arrangørlinket (det ender på #k=…). Åbn det link, du fik, da workshoppen blev oprettet.',
    denied: 'Linket åbner ikke opsætningen af denne workshop.',
    failed: 'Noget gik galt: {message}',
    save: 'Gem ændringer',
    saving: 'Gemmer…',
    saved: 'Gemt.',
    saveFailed: 'Ikke gemt: {message}',
    cards: 'Udskriv bordkort (PDF)',
    cardsBusy: 'Laver PDF…',
    cardsFailed: 'Bordkortene kunne ikke laves: {message}',
    wall: 'Åbn væggen',
    archive: 'Arkiv og eksport',
    goTo: 'Gå til',
    retention: 'Serveren sletter workshoppen og alle dens data den {date} ({days} dage efter datoen).',
  },
})
