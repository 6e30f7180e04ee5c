// Labelled form controls of the pages' forms: the label wraps the control (its accessible name).

interface FieldProps {
  label: string;
  name: string;
  value: string;
  onValue: (value: string) => void;
}

/** A text input. */
export function TextField({
  label,
  name,
  value,
  onValue,
  required,
  maxLength,
}: FieldProps & { required?: boolean; maxLength?: number }) {
  return (
    <label>
      {label}
      <input
        name={name}
        value={value}
        required={required}
        maxLength={maxLength}
        onInput={(e) => onValue(e.currentTarget.value)}
      />
    </label>
  );
}

/** A date input (`YYYY-MM-DD`, empty when unset). */
export function DateField({ label, name, value, onValue }: FieldProps) {
  return (
    <label>
      {label}
      <input
        type="date"
        name={name}
        value={value}
        onInput={(e) => onValue(e.currentTarget.value)}
      />
    </label>
  );
}

/** A select over `options` (value and text, or just the value). */
export function SelectField({
  label,
  name,
  value,
  onValue,
  options,
}: FieldProps & { options: readonly (string | { value: string; text: string })[] }) {
  return (
    <label>
      {label}
      <select name={name} value={value} onChange={(e) => onValue(e.currentTarget.value)}>
        {options.map((option) => {
          const { value: v, text } =
            typeof option === 'string' ? { value: option, text: option } : option;
          return (
            <option key={v} value={v}>
              {text}
            </option>
          );
        })}
      </select>
    </label>
  );
}
