import type { PracticeSettings } from '@confide/api';
import type { DbOrTx } from '../../db';
import { getPractice, parseSettings } from '../practices/practices.repo';

/** The practice as an export names it, and the time zone its times are shown in. */
export interface ExportPractice {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
}

/** The practice's time zone (R39's setting when the practice has one), else UTC. */
export function timeZoneOf(settings: PracticeSettings): string {
  const zone = (settings as { timeZone?: unknown }).timeZone;
  return typeof zone === 'string' && zone ? zone : 'UTC';
}

/** Loads the practice an export is made in. */
export async function exportPractice(db: DbOrTx, practiceId: string): Promise<ExportPractice> {
  const practice = await getPractice(db, practiceId);
  return {
    id: practice.id,
    slug: practice.slug,
    name: practice.name,
    timeZone: timeZoneOf(parseSettings(practice.settings)),
  };
}
