/**
 * Where time comes from for the rules that depend on it (R39–R41): reply-by times, reminders,
 * escalations. Injected through the AppContext so tests set the time instead of sleeping.
 */
export interface Clock {
  now(): Date;
}

/** The real time. */
export const systemClock: Clock = { now: () => new Date() };
