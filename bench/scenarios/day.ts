import { type Scenario, Skip } from '../lib/scenario.ts';

export const day: Scenario = {
  id: 6,
  name: 'A practice day',
  async run() {
    throw new Skip('not built yet');
  },
};
