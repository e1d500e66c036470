/** The server writes a session's last activity at most every 15 s: end that much early, never late. */
const SERVER_SLACK_MS = 15_000;
const MAX_WARN_MS = 60_000;

/**
 * When, after the last own action the server saw, the web app warns and signs out for a practice's
 * idle timeout (R29). The warning takes at most a minute and at most half of what is left, so a
 * short timeout does not open with "Are you still there?" right after sign-in.
 */
export function idleTimes(idleTimeoutMinutes: number) {
  const idleMs = idleTimeoutMinutes * 60_000;
  const endMs = Math.max(idleMs - SERVER_SLACK_MS, idleMs / 2);
  const warnMs = Math.min(MAX_WARN_MS, endMs / 2);
  // Input is reported well before the warning could appear, and not more than once per server write.
  const reportInputAfterMs = Math.min(SERVER_SLACK_MS, warnMs / 2);
  return { idleMs, endMs, warnMs, reportInputAfterMs };
}
