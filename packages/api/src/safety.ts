import { z } from 'zod';
import { lazySchema } from './lazy-schema';
import { Id } from './common';
import { TextLine } from './text';

/**
 * R42: the words of crisis a practice starts with, in English and Spanish. The server matches
 * them across case, accents, simple inflections and common misspellings; practices edit the list.
 */
export const defaultCrisisWords: string[] = [
  'suicide',
  'suicidal',
  'kill myself',
  'end my life',
  'end it all',
  'take my own life',
  'take my life',
  'overdose',
  'want to die',
  'wanna die',
  'wish I was dead',
  'wish I were dead',
  'better off dead',
  'hurt myself',
  'harm myself',
  'self harm',
  'cut myself',
  'no reason to live',
  'not worth living',
  "don't want to live",
  'do not want to live',
  "don't want to be alive",
  'unalive myself',
  'kms',
  'suicidio',
  'suicidarme',
  'matarme',
  'me voy a matar',
  'quitarme la vida',
  'acabar con mi vida',
  'quiero morir',
  'me quiero morir',
  'no quiero vivir',
  'no quiero seguir viviendo',
  'hacerme daño',
  'lastimarme',
  'cortarme las venas',
  'sobredosis',
  'no vale la pena vivir',
  'mejor muerto',
  'mejor muerta',
];

export const CrisisWords = lazySchema(() => z.array(TextLine.min(2).max(100)).max(500));

/** R41/R42: the staff who are alerted besides a thread's own staff: the front office, or every provider. */
export const EscalationGroup = lazySchema(() => z.enum(['front_office', 'providers']));
export type EscalationGroup = z.infer<typeof EscalationGroup>;

/** R41/R42: what a thread is marked with, for its staff and the escalation group. */
export const ThreadAlertKind = lazySchema(() => z.enum(['crisis', 'overdue']));
export type ThreadAlertKind = z.infer<typeof ThreadAlertKind>;

/**
 * `POST /api/threads/:id/crisis/acknowledge` (R42) and `POST /api/threads/:id/overdue/no-reply-needed`
 * (R41) answer with when the alert was cleared.
 */
export const AlertClearedResponse = lazySchema(() =>
  z.object({ threadId: Id, kind: ThreadAlertKind, clearedAt: z.string() }),
);
