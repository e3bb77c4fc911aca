/** Texts of the renewable facilitator and projector links on the set-up page. */
import { defineMessages } from '../app/i18n'

/** The renewable links' dictionary. */
export const keyLinksMessages = defineMessages({
  en: {
    facilitatorWhat: 'facilitator link',
    screenWhat: 'projector link',
    notHere:
      'Not kept on this device: for safety the server does not store the link itself. You can get a new one.',
    show: 'Show a new {what}',
    renew: 'Renew the {what}',
    warning:
      'A new {what} is made and the old one stops working at once: a wall or projector open with the old link closes and must be opened with the new one.',
    confirm: 'Make a new {what}',
    cancel: 'Cancel',
    busy: 'Making the link…',
    renewed: 'New {what} made. The old one no longer works.',
    failed: 'No new link was made: {message}',
  },
  da: {
    facilitatorWhat: 'facilitatorlink',
    screenWhat: 'projektorlink',
    notHere:
      'Ikke gemt på denne enhed: af sikkerhedshensyn gemmer serveren ikke selve linket. Du kan få et nyt.',
    show: 'Vis et nyt {what}',
    renew: 'Forny {what}et',
    warning:
      'Der laves et nyt {what}, og det gamle holder op med at virke med det samme: en væg eller projektor, der er åbnet med det gamle link, lukkes og skal åbnes med det nye.',
    confirm: 'Lav et nyt {what}',
    cancel: 'Annullér',
    busy: 'Laver linket…',
    renewed: 'Nyt {what} lavet. Det gamle virker ikke længere.',
    failed: 'Der blev ikke lavet et nyt link: {message}',
  },
})
