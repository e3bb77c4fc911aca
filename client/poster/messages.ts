/** Texts of the poster canvas and its connection indicator. */
import { defineMessages } from '../app/i18n'

/** The poster's dictionary. */
export const posterMessages = defineMessages({
  en: {
    posterTitle: 'Poster',
    opening: 'Opening the poster…',
    notOnDevice:
      'The server cannot be reached and this poster is not stored on this device yet. Trying again…',
    loadFailed:
      'This poster could not be opened: {reason}. Reload the page, or update the app if it persists.',
    statusConnecting: 'Connecting…',
    statusOffline: 'Offline',
    statusOfflineUnsaved: 'Offline – changes kept on this device',
    statusSaving: 'Saving…',
    statusSaved: 'Saved',
    statusRefused: 'Not connected',
    readOnly: 'View only',
    refused4001: 'Your access link is not valid (any more). Open the link you were given again.',
    refused4003: 'You do not have access to this poster.',
    refused4004: 'This poster does not exist. Check the link.',
    refused4006: 'The server refused a change from this device. Reload the page to continue.',
    refused4010: 'This poster has reached its maximum size. Ask the facilitator for a new poster.',
    refused4013:
      'This server has no room for more free posters right now (a limit per network, or for everyone). Open one you already have, or try again tomorrow.',
    refusedOther: 'The server closed the connection ({code}). Reload the page to try again.',
    reload: 'Reload',
    namePromptTitle: 'What is your name?',
    namePromptText: 'Your name is shown next to your cursor so the others can see who is drawing.',
    nameLabel: 'Name',
    nameSubmit: 'Continue',
    nameSkip: 'Skip',
    anonymous: 'Guest',
  },
  da: {
    posterTitle: 'Plakat',
    opening: 'Åbner plakaten…',
    notOnDevice: 'Serveren kan ikke nås, og plakaten er ikke gemt på denne enhed endnu. Prøver igen…',
    loadFailed:
      'Plakaten kunne ikke åbnes: {reason}. Genindlæs siden, eller opdatér appen, hvis det bliver ved.',
    statusConnecting: 'Forbinder…',
    statusOffline: 'Offline',
    statusOfflineUnsaved: 'Offline – ændringer gemt på enheden',
    statusSaving: 'Gemmer…',
    statusSaved: 'Gemt',
    statusRefused: 'Ikke forbundet',
    readOnly: 'Kun visning',
    refused4001: 'Dit adgangslink er ikke (længere) gyldigt. Åbn det link, du fik, igen.',
    refused4003: 'Du har ikke adgang til denne plakat.',
    refused4004: 'Plakaten findes ikke. Tjek linket.',
    refused4006: 'Serveren afviste en ændring fra denne enhed. Genindlæs siden for at fortsætte.',
    refused4010: 'Plakaten har nået sin maksimale størrelse. Bed facilitatoren om en ny plakat.',
    refused4013:
      'Serveren har ikke plads til flere frie plakater lige nu (en grænse pr. netværk eller for alle). Åbn en, du allerede har, eller prøv igen i morgen.',
    refusedOther: 'Serveren lukkede forbindelsen ({code}). Genindlæs siden for at prøve igen.',
    reload: 'Genindlæs',
    namePromptTitle: 'Hvad hedder du?',
    namePromptText: 'Dit navn vises ved din markør, så de andre kan se, hvem der tegner.',
    nameLabel: 'Navn',
    nameSubmit: 'Fortsæt',
    nameSkip: 'Spring over',
    anonymous: 'Gæst',
  },
})
