const levelNames = ['High', 'Medium', 'Low'] as const;

/** An impact or urgency select: 1 - High, 2 - Medium, 3 - Low. */
export const LevelSelect = ({ name, label, value }: { name: string; label: string; value: number }) => (
  <label>
    {label}
    <select name={name}>
      {[1, 2, 3].map((level) => (
        <option key={level} value={level} selected={level === value}>
          {level} - {levelNames[level - 1]}
        </option>
      ))}
    </select>
  </label>
);
