/**
 * The reading view of a presented poster: every question with its notes as large cards,
 * sized by `layoutReading` to fill the screen with text no smaller than 24 CSS px, so the
 * back row of a venue can read a 720p projector. The projector, the presenter's preview and
 * the participants' "Follow" view all show it by default; the canvas geometry stays one
 * click away ("Whole poster").
 */
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react'
import type { JsonRecord } from '../../shared/docLayout'
import { extractPoster } from '../../shared/extract'
import { useMessages } from '../app/i18n'
import { PALETTE } from '../render/posterScene'
import { presentMessages } from './presentMessages'
import { layoutReading, READING_EM, type ReadingQuestion } from './readingLayout'

/** A reading-view question with the colours and votes its cards show. */
interface Question extends ReadingQuestion {
  cards: Array<{ id: string; text: string; fill: string }>
}

/** The questions of a poster with their texts, in reading order; only `frameId`'s when given. */
export function readingQuestions(
  records: ReadonlyMap<string, JsonRecord>,
  frameId: string | null,
  outsideTitle: string,
): Question[] {
  const content = extractPoster(records)
  const questions: Question[] = content.frames.map((f) => ({ id: f.id, title: f.name, cards: [] }))
  const byId = new Map(questions.map((q) => [q.id, q]))
  const outside: Question = { id: 'outside', title: outsideTitle, cards: [] }
  for (const n of content.notes) {
    const fill = n.kind === 'note' ? (PALETTE[n.colour ?? 'yellow'] ?? PALETTE.yellow).note : '#ffffff'
    const card = { id: n.shapeId, text: n.text, fill }
    ;((n.frameId && byId.get(n.frameId)) || outside).cards.push(card)
  }
  if (outside.cards.length > 0 || questions.length === 0) questions.push(outside)
  if (frameId) {
    const one = questions.filter((q) => q.id === frameId)
    if (one.length > 0) return one
  }
  return questions
}

/** Size of an element in CSS px, kept up to date. */
function useSize(ref: React.RefObject<HTMLElement | null>): { w: number; h: number } | null {
  const [size, setSize] = useState<{ w: number; h: number } | null>(null)
  useEffect(() => {
    const el = ref.current
    if (!el) return
    const update = () => {
      const style = getComputedStyle(el)
      const w = el.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight)
      const h = el.clientHeight - Number.parseFloat(style.paddingTop) - Number.parseFloat(style.paddingBottom)
      setSize((old) => (old && old.w === w && old.h === h ? old : { w, h }))
    }
    update()
    const observer = new ResizeObserver(update)
    observer.observe(el)
    return () => observer.disconnect()
  }, [ref])
  return size
}

/** Props of the reading view. */
export interface ReadingViewProps {
  /** The poster's records (the same map as it changes: see `version`). */
  records: ReadonlyMap<string, JsonRecord>
  /** Bumped when the records changed. */
  version: number
  /** Only this question, when set. */
  frameId: string | null
  /** Dot votes per note id. */
  tallies?: Record<string, number>
  label: string
  className?: string
  /** Smallest note text in CSS px (default 24, for a projector). */
  minFontPx?: number
  /** Largest note text in CSS px (default: a twelfth of the height, at most 64). */
  maxFontPx?: number
  /** Notes to outline (written or edited since the workshop: homework). */
  changed?: readonly string[]
  /**
   * Lay out for this screen size (CSS px) and scale the result into the box: the presenter's
   * preview shows exactly what a projector of that size shows.
   */
  reference?: { w: number; h: number }
}

/** The padding of `.reading` in CSS px (present.css), for a reference-sized layout. */
const PADDING = { x: 16, y: 12 }

/** The presented poster as large cards per question. */
export function ReadingView(props: ReadingViewProps): ReactNode {
  const t = useMessages(presentMessages)
  const ref = useRef<HTMLDivElement>(null)
  const size = useSize(ref)
  const outsideTitle = t('outsideQuestions')
  // biome-ignore lint/correctness/useExhaustiveDependencies: version marks a change of the records
  const questions = useMemo(
    () => readingQuestions(props.records, props.frameId, outsideTitle),
    [props.records, props.version, props.frameId, outsideTitle],
  )
  const { reference, minFontPx, maxFontPx } = props
  const areaW = reference ? reference.w - 2 * PADDING.x : size?.w
  const areaH = reference ? reference.h - 2 * PADDING.y : size?.h
  const area = areaW !== undefined && areaH !== undefined ? { w: areaW, h: areaH } : null
  // The layout estimates text a little wide; 2 px of slack per side absorbs rounding.
  const layout = useMemo(
    () =>
      areaW !== undefined && areaH !== undefined
        ? layoutReading(questions, areaW - 4, areaH - 4, { minFontPx, maxFontPx })
        : null,
    [questions, areaW, areaH, minFontPx, maxFontPx],
  )
  const scale = reference && size && area ? Math.min(size.w / area.w, size.h / area.h) : 1
  return (
    <section
      ref={ref}
      className={`reading ${props.className ?? ''}`}
      data-testid="reading-view"
      aria-label={props.label}
    >
      {layout && area && (
        <div
          className="reading__grid"
          style={{
            ...(reference
              ? { width: area.w, height: area.h, transform: `scale(${scale})`, transformOrigin: '0 0' }
              : {}),
            fontSize: `${layout.fontPx}px`,
            gap: `${READING_EM.blockGap}em`,
            gridTemplateColumns: `repeat(${layout.columns}, minmax(0, 1fr))`,
            gridTemplateRows: `repeat(${layout.rows}, minmax(0, 1fr))`,
          }}
        >
          {questions.map((q, i) => {
            const block = layout.blocks[i]
            const hidden = q.cards.length - block.shown
            return (
              <div className="reading__question" key={q.id} data-testid="reading-question">
                {q.title && <h2 className="reading__title">{q.title}</h2>}
                <ul className="reading__cards" style={{ columnCount: block.cardColumns }}>
                  {q.cards.slice(0, block.shown).map((c) => {
                    const dots = props.tallies?.[c.id] ?? 0
                    const isChanged = props.changed?.includes(c.id) ?? false
                    return (
                      <li
                        key={c.id}
                        className={`reading__card${isChanged ? ' reading__card--changed' : ''}`}
                        data-changed={isChanged || undefined}
                        data-testid="reading-note"
                        data-text={c.text}
                        style={{ background: c.fill }}
                      >
                        {c.text}
                        {dots > 0 && (
                          <span className="reading__dots" data-kind="dots" data-dots={dots}>
                            {dots}
                          </span>
                        )}
                      </li>
                    )
                  })}
                </ul>
                {hidden > 0 && <p className="reading__more">{t('moreNotes', { n: String(hidden) })}</p>}
              </div>
            )
          })}
        </div>
      )}
    </section>
  )
}
