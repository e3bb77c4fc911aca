/** Texts of the start page. */
import { defineMessages } from '../app/i18n'

/** The start page's dictionary. */
export const startMessages = defineMessages({
  en: {
    pageTitle: 'Plenum',
    lead: 'Plenum gives every table at your workshop a shared poster that everyone at the table writes on at once, from laptops, tablets and phones. The facilitator follows every table live, runs the rounds and shows one poster at a time in plenary.',
    create: 'Create a workshop',
    creating: 'Creating…',
    sandbox: 'Try a blank poster',
    sandboxHint: 'A free poster to try things out; anyone with its link can edit it.',
    join: 'Join a workshop with a code',
    created: 'The workshop is ready',
    createdLead:
      'Print the table cards on the set-up page, and send the facilitator link to whoever runs the day.',
    toSetup: 'Go to set-up',
    another: 'Create another workshop',
    invalid: 'Check the form: {message} ({field})',
    failed: 'The workshop could not be created: {message}',
    import: 'Import a workshop or series (ZIP)',
    importHint:
      'A ZIP exported from a Plenum archive page becomes a new workshop with new links; a series ZIP becomes the whole series.',
    importing: 'Importing…',
    imported: 'The workshop is imported',
    importedSeries: 'The series is imported: {count} workshops. This is the first of them.',
    seriesWorkshop: 'Workshop {n} of the series',
    importFailed: 'The workshop could not be imported: {message}',
    createKey: 'Creation key',
    createKeyHint: 'This server asks for a key to create or import a workshop. Ask whoever runs the server.',
    createKeyMissing: 'Enter the creation key first.',
    createKeyWrong: 'The creation key is not right.',
  },
  da: {
    pageTitle: 'Plenum',
    lead: 'Plenum giver hvert bord på jeres workshop en fælles plakat, som alle ved bordet skriver på samtidig fra bærbar, tablet og telefon. Facilitatoren følger alle borde live, styrer runderne og viser én plakat ad gangen i plenum.',
    create: 'Opret en workshop',
    creating: 'Opretter…',
    sandbox: 'Prøv en tom plakat',
    sandboxHint: 'En fri plakat at øve sig på; alle med linket kan redigere den.',
    join: 'Deltag i en workshop med en kode',
    created: 'Workshoppen er klar',
    createdLead:
      'Udskriv bordkortene på opsætningssiden, og send facilitatorlinket til den, der styrer dagen.',
    toSetup: 'Gå til opsætning',
    another: 'Opret en workshop mere',
    invalid: 'Tjek formularen: {message} ({field})',
    failed: 'Workshoppen kunne ikke oprettes: {message}',
    import: 'Importér en workshop eller et forløb (ZIP)',
    importHint:
      'En ZIP eksporteret fra en Plenum-arkivside bliver til en ny workshop med nye links; en forløbs-ZIP bliver til hele forløbet.',
    importing: 'Importerer…',
    imported: 'Workshoppen er importeret',
    importedSeries: 'Forløbet er importeret: {count} workshops. Dette er den første af dem.',
    seriesWorkshop: 'Workshop {n} i forløbet',
    importFailed: 'Workshoppen kunne ikke importeres: {message}',
    createKey: 'Oprettelsesnøgle',
    createKeyHint:
      'Denne server kræver en nøgle for at oprette eller importere en workshop. Spørg den, der driver serveren.',
    createKeyMissing: 'Skriv oprettelsesnøglen først.',
    createKeyWrong: 'Oprettelsesnøglen er forkert.',
  },
})
