/**
 * Draws a `PosterScene` as one SVG, zoomed to fit its box. Cheap enough to show thirty live
 * posters at once on the wall, and crisp at any size on the projector.
 */
import { createContext, memo, type ReactNode, useContext } from 'react'
import { type Box, type Drawable, type PosterScene, wrapText } from './posterScene'

const FONT = "'tldraw_draw', 'Shantell Sans', 'Comic Sans MS', system-ui, sans-serif"
const SANS = "'tldraw_sans', 'IBM Plex Sans', system-ui, sans-serif"

/**
 * Smallest font size (in poster units) worth drawing: text that would render below a few
 * pixels (a thirty-table wall) is left out, which keeps thousands of unreadable text nodes
 * out of the page.
 */
const MinFontSize = createContext(0)

/** Text under this many CSS pixels is not drawn. */
const MIN_TEXT_PX = 4

function TextBlock(props: {
  box: Box
  text: string
  fontSize: number
  colour: string
  align: 'start' | 'middle'
  vertical: 'top' | 'middle'
  padding: number
}) {
  const { box, text, fontSize, colour, align, vertical, padding } = props
  const minFontSize = useContext(MinFontSize)
  if (!text || fontSize < minFontSize) return null
  const lineHeight = fontSize * 1.35
  const maxLines = Math.max(1, Math.floor((box.h - padding * 2) / lineHeight))
  let lines = wrapText(text, box.w - padding * 2, fontSize)
  if (lines.length > maxLines) lines = [...lines.slice(0, maxLines - 1), `${lines[maxLines - 1]}…`]
  const blockHeight = lines.length * lineHeight
  const top = vertical === 'middle' ? box.y + (box.h - blockHeight) / 2 : box.y + padding
  const x = align === 'middle' ? box.x + box.w / 2 : box.x + padding
  return (
    <text x={x} y={top} fontSize={fontSize} fill={colour} fontFamily={FONT} textAnchor={align}>
      {lines.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity beyond their position
        <tspan key={i} x={x} dy={i === 0 ? fontSize : lineHeight}>
          {line}
        </tspan>
      ))}
    </text>
  )
}

function rotate(d: { box: Box; rotation: number }, node: ReactNode) {
  if (!d.rotation) return node
  const deg = (d.rotation * 180) / Math.PI
  return <g transform={`rotate(${deg} ${d.box.x} ${d.box.y})`}>{node}</g>
}

function geoPath(geo: string, b: Box): ReactNode {
  if (geo === 'ellipse' || geo === 'oval') {
    return <ellipse cx={b.x + b.w / 2} cy={b.y + b.h / 2} rx={b.w / 2} ry={b.h / 2} />
  }
  if (geo === 'diamond') {
    const pts = [
      [b.x + b.w / 2, b.y],
      [b.x + b.w, b.y + b.h / 2],
      [b.x + b.w / 2, b.y + b.h],
      [b.x, b.y + b.h / 2],
    ]
    return <polygon points={pts.map((p) => p.join(',')).join(' ')} />
  }
  if (geo === 'triangle') {
    return <polygon points={`${b.x + b.w / 2},${b.y} ${b.x + b.w},${b.y + b.h} ${b.x},${b.y + b.h}`} />
  }
  return <rect x={b.x} y={b.y} width={b.w} height={b.h} rx={geo === 'rectangle' ? 0 : 8} />
}

/** A dot-vote badge in a note's top-right corner. */
function DotBadge({ box, dots }: { box: Box; dots: number }) {
  const r = Math.max(18, box.w * 0.12)
  return (
    <g data-kind="dots" data-dots={dots}>
      <circle cx={box.x + box.w - r * 0.6} cy={box.y + r * 0.6} r={r} fill="#b91c1c" />
      <text
        x={box.x + box.w - r * 0.6}
        y={box.y + r * 0.6}
        fontSize={r * 1.1}
        fill="#fff"
        fontFamily={SANS}
        fontWeight={700}
        textAnchor="middle"
        dominantBaseline="central"
      >
        {dots}
      </text>
    </g>
  )
}

// Memoised: a shape whose drawable did not change is not re-rendered.
const DrawableSvg = memo(function DrawableSvg({ d, dots }: { d: Drawable; dots: number }) {
  switch (d.kind) {
    case 'frame':
      return rotate(
        d,
        <g data-kind="frame">
          <rect x={d.box.x} y={d.box.y} width={d.box.w} height={d.box.h} fill="#ffffff" stroke="#717171" />
          <text x={d.box.x} y={d.box.y - 8} fontSize={20} fill="#444" fontFamily={SANS}>
            {d.name}
          </text>
        </g>,
      )
    case 'note':
      return rotate(
        d,
        <g data-kind="note" data-shape-id={d.id} data-text={d.text}>
          <rect x={d.box.x} y={d.box.y} width={d.box.w} height={d.box.h} fill={d.fill} rx={4} />
          {dots > 0 && <DotBadge box={d.box} dots={dots} />}
          <TextBlock
            box={d.box}
            text={d.text}
            fontSize={d.fontSize}
            colour="#000"
            align="middle"
            vertical="middle"
            padding={16}
          />
        </g>,
      )
    case 'geo':
      return rotate(
        d,
        <g data-kind="geo" data-text={d.text}>
          <g fill={d.fill ?? 'none'} stroke={d.stroke} strokeWidth={2.5}>
            {geoPath(d.geo, d.box)}
          </g>
          <TextBlock
            box={d.box}
            text={d.text}
            fontSize={d.fontSize}
            colour={d.stroke}
            align="middle"
            vertical="middle"
            padding={16}
          />
        </g>,
      )
    case 'text':
      return rotate(
        d,
        <g data-kind="text" data-text={d.text}>
          <TextBlock
            box={d.box}
            text={d.text}
            fontSize={d.fontSize}
            colour={d.colour}
            align="start"
            vertical="top"
            padding={4}
          />
        </g>,
      )
    case 'image':
      return rotate(
        d,
        <rect x={d.box.x} y={d.box.y} width={d.box.w} height={d.box.h} fill="#eee" stroke="#bbb" />,
      )
    case 'line': {
      if (d.points.length < 2) return null
      const points = d.points.map((p) => `${p.x},${p.y}`).join(' ')
      return (
        <polyline
          points={points}
          fill="none"
          stroke={d.stroke}
          strokeWidth={d.width}
          strokeLinecap="round"
          strokeLinejoin="round"
          markerEnd={d.arrowEnd ? 'url(#plenum-arrowhead)' : undefined}
        />
      )
    }
  }
})

/** An SVG of a poster scene, fitted to `view` (default: everything on the poster). */
export function PosterSvg(props: {
  scene: PosterScene
  /** Dot votes per note id, drawn as badges. */
  tallies?: Record<string, number>
  view?: Box | null
  className?: string
  label?: string
  /** The drawn size in CSS pixels, when known: text too small to read there is left out. */
  pixelSize?: { w: number; h: number } | null
  /** Drawn above the poster in the same page coordinates (e.g. a presenter's laser trail). */
  children?: ReactNode
}) {
  const { scene, className, label, pixelSize } = props
  const fit = props.view ?? scene.bounds
  const pad = fit ? Math.max(fit.w, fit.h) * 0.03 + 24 : 0
  const viewBox = fit ? `${fit.x - pad} ${fit.y - pad} ${fit.w + pad * 2} ${fit.h + pad * 2}` : '0 0 100 100'
  const scale =
    fit && pixelSize && pixelSize.w > 0 && pixelSize.h > 0
      ? Math.min(pixelSize.w / (fit.w + pad * 2), pixelSize.h / (fit.h + pad * 2))
      : 0
  // Rounded so that small resizes do not redraw every shape.
  const minFontSize = scale > 0 ? Math.round(MIN_TEXT_PX / scale) : 0
  return (
    <MinFontSize.Provider value={minFontSize}>
      <svg
        className={className}
        viewBox={viewBox}
        preserveAspectRatio="xMidYMid meet"
        role="img"
        aria-label={label}
      >
        <title>{label}</title>
        <defs>
          <marker
            id="plenum-arrowhead"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="6"
            markerHeight="6"
            orient="auto-start-reverse"
          >
            <path d="M 0 0 L 10 5 L 0 10 z" fill="context-stroke" />
          </marker>
        </defs>
        {scene.items.map((d) => (
          <DrawableSvg key={d.id} d={d} dots={props.tallies?.[d.id] ?? 0} />
        ))}
        {props.children}
      </svg>
    </MinFontSize.Provider>
  )
}
