/** Texts about the live connection, shared by every page that holds a live document. */
import { defineMessages } from '../app/i18n'

/** The live-connection dictionary. */
export const liveMessages = defineMessages({
  en: {
    reconnecting: 'Reconnecting…',
    reconnectingHint: 'The connection to the server dropped. What you see may not be current.',
  },
  da: {
    reconnecting: 'Genforbinder…',
    reconnectingHint: 'Forbindelsen til serveren er afbrudt. Det viste er måske ikke det nyeste.',
  },
})
