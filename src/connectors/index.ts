import { bluesky } from './bluesky/index.js';
import type { Connector } from './connector.js';
import { csv } from './csv/index.js';
import { feed } from './feed/index.js';
import { mastodon } from './mastodon/index.js';
import { telegram } from './telegram/index.js';
import { xApiV1 } from './x-api-v1/index.js';
import { xApiV2 } from './x-api-v2/index.js';
import { xArchive } from './x-archive/index.js';

/** Every connector, listed by hand (ARCHITECTURE §5). Detection order breaks ties: earlier wins. */
export const connectors: readonly Connector[] = [
  xApiV2,
  xApiV1,
  xArchive,
  bluesky,
  mastodon,
  telegram,
  feed,
  csv,
];
