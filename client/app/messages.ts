/** Texts of the app shell (loading, errors, not found, language switch). */
import { defineMessages } from './i18n'

/** The app shell's dictionary. */
export const appMessages = defineMessages({
  en: {
    loading: 'Loading…',
    pageLoadFailed: 'This page could not be loaded. Check the connection and try again.',
    reload: 'Reload',
    notFoundTitle: 'Page not found',
    notFoundText: 'There is nothing at this address. Check the link you were given.',
    goHome: 'Go to the start page',
    language: 'Language',
  },
  da: {
    loading: 'Indlæser…',
    pageLoadFailed: 'Siden kunne ikke indlæses. Tjek forbindelsen og prøv igen.',
    reload: 'Genindlæs',
    notFoundTitle: 'Siden findes ikke',
    notFoundText: 'Der er intet på denne adresse. Tjek det link, du har fået.',
    goHome: 'Gå til forsiden',
    language: 'Sprog',
  },
})
