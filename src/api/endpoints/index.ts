import type { Endpoint } from '../endpoint.js';
import { activityEndpoint } from './activity.js';
import { actorEndpoint } from './actor.js';
import { channelCounterpartsEndpoint } from './channel-counterparts.js';
import { channelPostsEndpoint } from './channel-posts.js';
import { channelEndpoint } from './channel.js';
import { countriesEndpoint } from './countries.js';
import { countryEndpoint } from './country.js';
import { coverageEndpoint } from './coverage.js';
import { datasetsEndpoint } from './datasets.js';
import { healthEndpoint } from './health.js';
import { postEndpoint } from './post.js';
import { rankEndpoint } from './rank.js';
import { registryEndpoint } from './registry.js';
import { runIssuesEndpoint } from './run-issues.js';
import { runsEndpoint } from './runs.js';
import { searchEndpoint } from './search.js';
import { starsEndpoint } from './stars.js';

/** Every endpoint, listed by hand (ARCHITECTURE §5); the OpenAPI document is generated from this list. */
export const endpoints: readonly Endpoint[] = [
  healthEndpoint,
  rankEndpoint,
  countriesEndpoint,
  countryEndpoint,
  actorEndpoint,
  channelEndpoint,
  channelPostsEndpoint,
  channelCounterpartsEndpoint,
  activityEndpoint,
  postEndpoint,
  starsEndpoint,
  searchEndpoint,
  registryEndpoint,
  runsEndpoint,
  runIssuesEndpoint,
  coverageEndpoint,
  datasetsEndpoint,
];
