/**
 * Names of the sync documents: the one place that builds them and takes them apart, so client,
 * server, tests and bench agree on them. A name is a one-letter kind prefix, a dash, and an id
 * of letters, digits, `_` and `-` (at most 64 characters):
 *
 * | kind      | name                              | what it holds                                        |
 * |-----------|-----------------------------------|------------------------------------------------------|
 * | `sandbox` | `s-<id>`                          | a free poster anyone with the link may edit          |
 * | `poster`  | `p-<posterId>`                    | a workshop poster (one round × one table)            |
 * | `control` | `w-<workshopId>`                  | phase, timer, presentation; written by the server    |
 * | `private` | `q-<posterId>_<participantId>`    | a participant's notes while writing privately        |
 * | `synthesis` | `y-<roundId>`                   | the round's room-wide synthesis poster               |
 *
 * A new kind is one more prefix in `KIND_PREFIX`, one more member of `DocRef`, a branch in
 * `parseDocName` and a builder; `switch (ref.kind)` sites then fail to type-check until they
 * handle it. Workshop ids never contain `_` or `-` (see server/domain/secrets.ts), which is
 * what lets a private name be split back into its poster and participant.
 */

/** Document names: `[a-z]` kind prefix, a dash, then an id of letters, digits, `_` and `-`. */
export const DOC_NAME_PATTERN = /^[a-z]+-[A-Za-z0-9_-]{1,64}$/

/** Document kinds. */
export const DocKind = {
  /** A free poster anyone with the link may edit (when sandboxes are enabled). */
  Sandbox: 'sandbox',
  /** A workshop poster (one round × one table). */
  Poster: 'poster',
  /** A workshop's control document: phase, timer, presentation. Written by the server only. */
  Control: 'control',
  /** A participant's private notes during private writing, merged into the poster on reveal. */
  Private: 'private',
  /** A round's synthesis: copies of notes from every table, grouped into themes. */
  Synthesis: 'synthesis',
} as const

/** A document kind. */
export type DocKindName = (typeof DocKind)[keyof typeof DocKind]

/** The prefix letter of each kind in a document name. */
const KIND_PREFIX: Record<DocKindName, string> = {
  sandbox: 's',
  poster: 'p',
  control: 'w',
  private: 'q',
  synthesis: 'y',
}

const KIND_OF_PREFIX = new Map(
  Object.entries(KIND_PREFIX).map(([kind, prefix]) => [prefix, kind as DocKindName]),
)

/** A parsed document name: its kind and the ids it names. */
export type DocRef =
  | { kind: 'sandbox'; name: string; id: string }
  | { kind: 'poster'; name: string; posterId: string }
  | { kind: 'control'; name: string; workshopId: string }
  | { kind: 'private'; name: string; posterId: string; participantId: string }
  | { kind: 'synthesis'; name: string; roundId: string }

/** The start every name of a kind shares (`p-`), for listing stored documents of a kind. */
export function docKindPrefix(kind: DocKindName): string {
  return `${KIND_PREFIX[kind]}-`
}

/** Document name of a workshop poster. */
export function posterDocName(posterId: string): string {
  return docKindPrefix('poster') + posterId
}

/** Document name of a workshop's control document. */
export function controlDocName(workshopId: string): string {
  return docKindPrefix('control') + workshopId
}

/** Document name of a participant's private notes on a poster. */
export function privateDocName(posterId: string, participantId: string): string {
  return `${privateDocPrefix(posterId)}${participantId}`
}

/** The start of the names of every private document on a poster. */
export function privateDocPrefix(posterId: string): string {
  return `${docKindPrefix('private')}${posterId}_`
}

/** Document name of a round's synthesis poster. */
export function synthesisDocName(roundId: string): string {
  return docKindPrefix('synthesis') + roundId
}

/** Document name of a sandbox poster with the given id. */
export function sandboxDocName(id: string): string {
  return docKindPrefix('sandbox') + id
}

/**
 * Parses a document name into its kind and ids, or returns null when it is malformed or of
 * no known kind (the sync endpoint answers both with `NotFound`).
 */
export function parseDocName(name: string): DocRef | null {
  if (!DOC_NAME_PATTERN.test(name)) return null
  const dash = name.indexOf('-')
  const kind = KIND_OF_PREFIX.get(name.slice(0, dash))
  const id = name.slice(dash + 1)
  switch (kind) {
    case 'sandbox':
      return { kind, name, id }
    case 'poster':
      return { kind, name, posterId: id }
    case 'control':
      return { kind, name, workshopId: id }
    case 'synthesis':
      return { kind, name, roundId: id }
    case 'private': {
      const parts = id.split('_')
      if (parts.length !== 2 || !parts[0] || !parts[1]) return null
      return { kind, name, posterId: parts[0], participantId: parts[1] }
    }
    default:
      return null
  }
}

/** The poster id a poster document name names, or null for any other name. */
export function posterIdOf(name: string): string | null {
  const ref = parseDocName(name)
  return ref?.kind === 'poster' ? ref.posterId : null
}
