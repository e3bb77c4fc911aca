/**
 * Internationalisation core: Danish and English, chosen from the browser, switchable and
 * remembered. Each feature folder declares its own dictionary with `defineMessages` (Danish
 * and English side by side, the English keys type-check the Danish ones) and reads it with
 * `useMessages`. No global key registry: a feature's texts live next to its code.
 */
import { useSyncExternalStore } from 'react'

/** A language Plenum speaks. */
export type Lang = 'da' | 'en'

/** All supported languages, in the order the switch shows them. */
export const LANGS: readonly Lang[] = ['da', 'en']

/** Each language's name in that language. */
export const LANG_LABELS: Record<Lang, string> = { da: 'Dansk', en: 'English' }

/** localStorage key of the chosen language. */
export const LANG_STORAGE_KEY = 'plenum.lang'
/** Window event (CustomEvent, detail = the language) fired whenever the language changes. */
export const LANG_EVENT = 'plenum:lang'
const STORAGE_KEY = LANG_STORAGE_KEY

/** A feature's dictionary: the same keys in every language. */
export type Messages<K extends string> = Record<Lang, Record<K, string>>

/** Declares a feature's dictionary; the English entry defines the keys, Danish must match them. */
export function defineMessages<K extends string>(messages: {
  en: Record<K, string>
  da: NoInfer<Record<K, string>>
}): Messages<K> {
  return messages
}

/** The language a browser asks for: Danish when its first language is Danish, else English. */
export function detectLang(language: string | undefined): Lang {
  return language?.toLowerCase().startsWith('da') ? 'da' : 'en'
}

function readStoredLang(): Lang | null {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY)
    return stored === 'da' || stored === 'en' ? stored : null
  } catch {
    // Storage can be blocked (private mode, sandboxed frames): fall back to the browser.
    return null
  }
}

let current: Lang = readStoredLang() ?? detectLang(globalThis.navigator?.language)
const listeners = new Set<() => void>()

function applyToDocument(lang: Lang): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lang
}
applyToDocument(current)

/** The current language. */
export function getLang(): Lang {
  return current
}

function adopt(lang: Lang): void {
  if (lang === current) return
  current = lang
  applyToDocument(lang)
  for (const listener of listeners) listener()
}

/** Switches the language everywhere and remembers the choice on this device. */
export function setLang(lang: Lang): void {
  if (lang === current) return
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang)
  } catch {
    // Not remembered, but the switch still applies for this visit.
  }
  adopt(lang)
  globalThis.dispatchEvent?.(new CustomEvent(LANG_EVENT, { detail: lang }))
}

// Follow switches made by other code on this page and in other tabs.
if (typeof window !== 'undefined') {
  window.addEventListener(LANG_EVENT, (event) => {
    const lang = (event as CustomEvent).detail
    if (lang === 'da' || lang === 'en') adopt(lang)
  })
  window.addEventListener('storage', (event) => {
    if (event.key === STORAGE_KEY && (event.newValue === 'da' || event.newValue === 'en'))
      adopt(event.newValue)
  })
}

/** Subscribes to language changes; returns the unsubscribe function. */
export function subscribeLang(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** React hook: the current language, re-rendering on change. */
export function useLang(): Lang {
  return useSyncExternalStore(subscribeLang, getLang, getLang)
}

/** Variables interpolated into a message: `{name}` in the text is replaced by `vars.name`. */
export type MessageVars = Record<string, string | number>

/** Looks up a message and fills in its `{placeholders}`. */
export function translate<K extends string>(
  messages: Messages<K>,
  lang: Lang,
  key: K,
  vars?: MessageVars,
): string {
  const text = messages[lang][key] ?? messages.en[key] ?? key
  if (!vars) return text
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole))
}

/** A bound translate function for one dictionary and language. */
export type Translate<K extends string> = (key: K, vars?: MessageVars) => string

/** React hook: a translate function for a feature's dictionary in the current language. */
export function useMessages<K extends string>(messages: Messages<K>): Translate<K> {
  const lang = useLang()
  return (key, vars) => translate(messages, lang, key, vars)
}
