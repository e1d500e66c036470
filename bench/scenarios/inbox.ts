import { type Scenario, Skip } from '../lib/scenario.ts';

export const inbox: Scenario = {
  id: 3,
  name: 'Inbox',
  async run() {
    throw new Skip('not built yet');
  },
};
