/**
 * A labelled field of the series panels (homework, follow-up): the label, then an input, or a
 * textarea when `rows` is given. Its id is its own, so the label always names its control.
 */
import { type InputHTMLAttributes, useId } from 'react'

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'>

/** A label and its input or textarea; `onChange` gets the new text. */
export function SeriesField({
  label,
  value,
  onChange,
  rows,
  ...input
}: InputProps & {
  label: string
  value: string | number
  onChange: (value: string) => void
  /** Lines of a textarea; an input when absent. */
  rows?: number
}) {
  const id = useId()
  return (
    <div className="pl-field">
      <label htmlFor={id}>{label}</label>
      {rows ? (
        <textarea id={id} rows={rows} value={value} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input id={id} {...input} value={value} onChange={(e) => onChange(e.target.value)} />
      )}
    </div>
  )
}
