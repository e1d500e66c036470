import { type Scenario, Skip } from '../lib/scenario.ts';

export const attachments: Scenario = {
  id: 4,
  name: 'Attachments',
  async run() {
    throw new Skip('not built yet');
  },
};
