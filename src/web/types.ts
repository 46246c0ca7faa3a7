// Response types come from the API's own zod schemas (type-only imports: nothing of the server is bundled),
// so a change of an endpoint's shape fails the dashboard's typecheck instead of a page at run time.
import type { z } from 'zod';
import type { activityEndpoint } from '../api/endpoints/activity.js';
import type { INDICATORS } from '../analytics/ranking/compute.js';
import type { channelCounterpartsEndpoint } from '../api/endpoints/channel-counterparts.js';
import type { channelPostsEndpoint } from '../api/endpoints/channel-posts.js';
import type { channelEndpoint } from '../api/endpoints/channel.js';
import type { countriesEndpoint } from '../api/endpoints/countries.js';
import type { countryEndpoint } from '../api/endpoints/country.js';
import type { coverageEndpoint } from '../api/endpoints/coverage.js';
import type { datasetsEndpoint } from '../api/endpoints/datasets.js';
import type { postEndpoint } from '../api/endpoints/post.js';
import type { rankEndpoint } from '../api/endpoints/rank.js';
import type { runIssuesEndpoint } from '../api/endpoints/run-issues.js';
import type { runsEndpoint } from '../api/endpoints/runs.js';
import type { searchEndpoint } from '../api/endpoints/search.js';
import type { starsEndpoint } from '../api/endpoints/stars.js';

type Out<E extends { response: z.ZodType }> = z.output<E['response']>;

export type Indicator = (typeof INDICATORS)[number];
export type RankResponse = Out<typeof rankEndpoint>;
export type RankRow = RankResponse['rows'][number];
export type CountryResponse = Out<typeof countryEndpoint>;
export type CountriesResponse = Out<typeof countriesEndpoint>;
export type ChannelResponse = Out<typeof channelEndpoint>;
export type PostsPage = Out<typeof channelPostsEndpoint>;
export type PostItem = PostsPage['items'][number];
export type PostResponse = Out<typeof postEndpoint>;
export type StarsResponse = Out<typeof starsEndpoint>;
export type StarItem = StarsResponse['stars'][number];
export type SearchResponse = Out<typeof searchEndpoint>;
export type DatasetsResponse = Out<typeof datasetsEndpoint>;
export type RunsResponse = Out<typeof runsEndpoint>;
export type RunIssuesResponse = Out<typeof runIssuesEndpoint>;
export type CoverageResponse = Out<typeof coverageEndpoint>;
export type ActivityResponse = Out<typeof activityEndpoint>;
export type CounterpartsResponse = Out<typeof channelCounterpartsEndpoint>;
