/**
 * Generators: a synthetic street (tens of communities, 73% old neighbourhoods,
 * the pilot first and the others in batches) and a synthetic city (districts,
 * streets and communities at Shanghai's round figures), from parameters alone,
 * seeded; and the city file format, a city being many streets.
 *
 * @module generators
 */
export {
  apportion,
  type City,
  type CityInput,
  type CityOptions,
  type CityStreet,
  cityFigures,
  cityLimits,
  citySchema,
  generateCity,
  parseCity,
} from './city.js';
export { isCityInput } from './city-input.js';
export {
  chooseOld,
  communityOfSize,
  drawHouseholds,
  type GeneratedCommunity,
  generateStreet,
  generatorStream,
  type StreetOptions,
  streetFigures,
  yCommunity,
} from './street.js';
