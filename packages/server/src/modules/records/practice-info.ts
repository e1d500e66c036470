import { parseSettings } from '@confide/api';
import type { DbOrTx } from '../../db';
import { getPractice } from '../practices/practices.repo';

/** The practice as an export names it, and the time zone its times are shown in. */
export interface ExportPractice {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
}

/** Loads the practice an export is made in. */
export async function exportPractice(db: DbOrTx, practiceId: string): Promise<ExportPractice> {
  const practice = await getPractice(db, practiceId);
  return {
    id: practice.id,
    slug: practice.slug,
    name: practice.name,
    timeZone: parseSettings(practice.settings).timeZone,
  };
}
