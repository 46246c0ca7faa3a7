import { bluesky } from './bluesky/index.js';
import type { Connector } from './connector.js';
import { mastodon } from './mastodon/index.js';
import { xApiV2 } from './x-api-v2/index.js';

/** Every connector, listed by hand (ARCHITECTURE §5). Detection order breaks ties: earlier wins. */
export const connectors: readonly Connector[] = [xApiV2, bluesky, mastodon];

export function connectorById(id: string): Connector | undefined {
  return connectors.find((c) => c.id === id);
}
