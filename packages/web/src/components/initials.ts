/**
 * Initials for an avatar, the same on the staff side and in the portal: titles are skipped and
 * credentials after a comma are not a surname ("Sam Ortiz, LCSW" is SO), nor is a note in brackets.
 */
export function initialsOf(name: string): string {
  const words = (name.split(',')[0] ?? name)
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[^\p{L}\s'-]/gu, ' ')
    .split(/\s+/)
    .filter((w) => w && !/^(dr|mr|mrs|ms|mx)$/i.test(w));
  const first = words[0]?.[0] ?? '?';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}
