const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export const formatTime = (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : '—');

/** `in 2h 05m`, `3m 10s ago`: what an SLA timer shows. */
export const formatCountdown = (dueAt: string, now: number) => {
  const seconds = Math.round((Date.parse(dueAt) - now) / 1000);
  const magnitude = Math.abs(seconds);
  const days = Math.floor(magnitude / 86_400);
  const hours = Math.floor((magnitude % 86_400) / 3600);
  const minutes = Math.floor((magnitude % 3600) / 60);
  const text =
    days > 0
      ? `${days}d ${hours}h`
      : hours > 0
        ? `${hours}h ${String(minutes).padStart(2, '0')}m`
        : `${minutes}m ${String(magnitude % 60).padStart(2, '0')}s`;
  return seconds >= 0 ? `in ${text}` : `${text} ago`;
};

export const labelOf = (value: string) => value.replace(/_/g, ' ');

export const percent = (value: number | null | undefined, digits = 2) =>
  value === null || value === undefined ? '—' : `${(value * 100).toFixed(digits)}%`;
