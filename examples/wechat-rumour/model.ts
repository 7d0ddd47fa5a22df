/**
 * An extension: residents' WeChat groups (居民微信群) of each building pass the
 * news of the renewal on, and, while works idle, pass on rumours that cost
 * trust.
 *
 * - Spread: each week an unaware household on WeChat hears of the renewal from
 *   its building's group with chance 1 − (1 − spreadChance)^k, where k is the
 *   number of aware WeChat users in its building.
 * - Rumour: in a week when more than half of the projects in the pipeline
 *   idle, every aware WeChat user loses rumourTrustLoss × idle share of trust.
 *
 * Both run just before the built-in residents phase, so what households hear
 * this week counts in this week's satisfaction. Its draws come from its own
 * stream: with spreadChance and rumourTrustLoss at 0 the built-in outputs are
 * those of the built-in model, byte for byte.
 */
import { amountParameter, defineExtension, defineModel, probabilityParameter } from 'govsim';
import * as z from 'zod';

interface RumourState {
  /** 1 for a household that heard of the renewal from its building's group. */
  toldByGroup: Uint8Array;
  /** Weeks in which a rumour went round. */
  rumourWeeks: number;
}

export const weChatRumour = defineExtension({
  name: 'wechat-rumour',
  description: "Residents' WeChat groups spread the news of the renewal, and rumours when works idle.",
  parameters: z
    .object({
      spreadChance: probabilityParameter(0.01, {
        description: 'Weekly chance that one aware WeChat user in a building tells an unaware WeChat user of the same building.',
        basis: 'A',
        range: [0, 0.03],
      }),
      rumourTrustLoss: amountParameter(0.01, {
        description: 'Trust an aware WeChat user loses in a week of rumours, per unit of idle share.',
        basis: 'A',
        range: [0, 0.03],
        hardMaximum: 1,
      }),
    })
    .strict(),
  createState: ({ state }): RumourState => ({ toldByGroup: new Uint8Array(state.households.count), rumourWeeks: 0 }),
  phases: [
    {
      name: 'group chat',
      before: 'residents',
      run: ({ state, parameters, own, random }) => {
        const households = state.households;
        const stream = random.stream('spread');
        // Aware WeChat users per building (community × local building).
        const buildings = state.scenario.world.communities.map((community) => community.buildings);
        const offset = buildings.map((_, community) => buildings.slice(0, community).reduce((sum, count) => sum + count, 0));
        const awareUsers = new Uint32Array(buildings.reduce((sum, count) => sum + count, 0));
        const key = (household: number) =>
          (offset[households.community[household] as number] as number) + (households.building[household] as number);
        for (let household = 0; household < households.count; household++)
          if (households.usesWeChat[household] === 1 && households.aware[household] === 1) {
            const building = key(household);
            awareUsers[building] = (awareUsers[building] as number) + 1;
          }
        for (let household = 0; household < households.count; household++) {
          if (households.usesWeChat[household] !== 1 || households.aware[household] === 1) continue;
          const tellers = awareUsers[key(household)] as number;
          if (tellers > 0 && stream.chance(1 - (1 - parameters.spreadChance) ** tellers)) {
            households.aware[household] = 1;
            own.toldByGroup[household] = 1;
          }
        }
        const { idleProjects, progressedProjects } = state.weekTally;
        const pipeline = idleProjects + progressedProjects;
        const idleShare = pipeline === 0 ? 0 : idleProjects / pipeline;
        if (idleShare <= 0.5 || parameters.rumourTrustLoss === 0) return;
        own.rumourWeeks++;
        for (let household = 0; household < households.count; household++)
          if (households.usesWeChat[household] === 1 && households.aware[household] === 1)
            households.trust[household] = Math.max(
              0,
              (households.trust[household] as number) - parameters.rumourTrustLoss * idleShare,
            );
      },
    },
  ],
  weeklyMeasures: {
    toldByGroupShare: {
      description: 'Share of households that heard of the renewal from their building’s group.',
      value: ({ own }) => own.toldByGroup.reduce((sum, told) => sum + told, 0) / Math.max(1, own.toldByGroup.length),
    },
  },
  runMeasures: {
    rumourWeeks: { description: 'Weeks in which a rumour went round.', value: ({ own }) => own.rumourWeeks },
  },
  agentMeasures: {
    toldByGroup: {
      description: '1 when the household heard from its building’s group.',
      agent: 'household',
      value: ({ own }, household) => own.toldByGroup[household] as number,
    },
  },
});

/** The built-in model with the WeChat-group rumour mechanism. */
export default defineModel({ name: 'wechat-rumour', extensions: [weChatRumour] });
