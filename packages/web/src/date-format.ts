const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * One Intl.DateTimeFormat per set of options in the browser's locale, made when first used: making
 * one costs milliseconds on a slow phone, and `toLocaleTimeString(locale, options)` makes a new one
 * on every call (a chat of a hundred bubbles made a hundred).
 */
export function dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = JSON.stringify(options);
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(undefined, options);
    formats.set(key, format);
  }
  return format;
}
