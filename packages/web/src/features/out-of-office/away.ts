const formats = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, ...options });
    formats.set(key, format);
  }
  return format;
}

function dayKey(date: Date, timeZone: string): string {
  return formatter(timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/**
 * R40: when an away colleague is back, as a provider card says it, in the practice's time zone:
 * the weekday within the coming week ("Mon"), with the date further out ("Mon, Mar 30"), and the
 * time when they are back later today ("3 pm").
 */
export function formatAwayUntil(iso: string, timeZone: string, now = new Date()): string {
  const date = new Date(iso);
  if (dayKey(date, timeZone) === dayKey(now, timeZone)) {
    const parts = formatter(timeZone, { hour: 'numeric', minute: '2-digit', hour12: true }).formatToParts(date);
    const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    const minutes = part('minute') === '00' ? '' : `:${part('minute')}`;
    return `${part('hour')}${minutes} ${part('dayPeriod').toLowerCase()}`;
  }
  const isNear = date.getTime() - now.getTime() < 6 * 86_400_000;
  return formatter(
    timeZone,
    isNear ? { weekday: 'short' } : { weekday: 'short', month: 'short', day: 'numeric' },
  ).format(date);
}

/** R40: when someone is back, as the automatic reply says it ("Mon, Mar 30, 9 am"), in the practice's zone. */
export function formatAwayMoment(iso: string, timeZone: string): string {
  const parts = formatter(timeZone, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    hour12: true,
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const minutes = part('minute') === '00' ? '' : `:${part('minute')}`;
  return `${part('weekday')}, ${part('month')} ${part('day')}, ${part('hour')}${minutes} ${part('dayPeriod').toLowerCase()}`;
}
