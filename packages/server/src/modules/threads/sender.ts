import type { PolicyActor } from '../../policies/types';

/** Who performs a messaging operation: a signed-in actor, or a seeded person (demo history). */
export interface Sender extends PolicyActor {
  practiceId: string;
  ip: string | null;
  settings: { minBodyLength: number };
}
