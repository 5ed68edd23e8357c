import type { Habit } from '../api/types.ts';

/** Which playbook habits a lesson is about: the same picker after a call and when a deal ends. */
export function LessonHabitsPicker({
  habits,
  selected,
  onChange,
}: {
  habits: readonly Habit[];
  selected: readonly string[];
  onChange: (next: string[]) => void;
}) {
  return (
    <fieldset className="field" style={{ border: 0, padding: 0, margin: 0 }}>
      <legend className="field-label">The habits it is about</legend>
      <div className="row">
        {habits.map((h) => (
          <label key={h.id} className="checkbox small">
            <input
              type="checkbox"
              checked={selected.includes(h.id)}
              onChange={(e) =>
                onChange(
                  e.target.checked ? [...selected, h.id] : selected.filter((x) => x !== h.id),
                )
              }
            />
            {h.name}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
