import { type Scenario, Skip } from '../lib/scenario.ts';

export const delivery: Scenario = {
  id: 2,
  name: 'Delivery',
  async run() {
    throw new Skip('not built yet');
  },
};
