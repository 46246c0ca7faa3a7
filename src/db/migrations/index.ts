import { sql as canonicalSchema } from './20261121T2300-canonical-schema.js';
import { sql as importWriter } from './20261122T0900-import-writer.js';
import { sql as analytics } from './20261122T1200-analytics.js';
import { sql as textSearch } from './20261122T1300-text-search.js';
import { sql as ingestSpeed } from './20261122T1310-ingest-speed.js';
import { sql as rollupFollowersAt } from './20261122T1400-rollup-followers-at.js';
import { sql as rollupNoFk } from './20261122T1410-rollup-no-fk.js';

export interface Migration {
  /** File name without extension: a UTC timestamp, then what it does. */
  readonly name: string;
  readonly sql: string;
  /** sha256 of `sql`, recorded when the migration was written: a changed file fails the freeze test. */
  readonly sha256: string;
}

/** Every migration, oldest first. A test checks that this list and the folder hold the same files. */
export const migrations: readonly Migration[] = [
  {
    name: '20261121T2300-canonical-schema',
    sql: canonicalSchema,
    sha256: '774530bb3688f41dd14684b24a4b608d78f420e024a1a5abc748e270c718389b',
  },
  {
    name: '20261122T0900-import-writer',
    sql: importWriter,
    sha256: '728f68ad4f329dda0c124cadcb9153983f86a2f49996eef8115ec06dad388f61',
  },
  {
    name: '20261122T1200-analytics',
    sql: analytics,
    sha256: 'b5ac619a2cadc2a022326aa9e8b468bdd3d4d4c872f161b3d0627e4e21a2dc45',
  },
  {
    name: '20261122T1300-text-search',
    sql: textSearch,
    sha256: '97fa4ee479a761346e122a3f83561e698c15a70c6d8eb743216c4d26d3e05e98',
  },
  {
    name: '20261122T1310-ingest-speed',
    sql: ingestSpeed,
    sha256: '30bc27257256c6b3c2f39869bdbe96f6a3aee0d210df52e700167ea59bbdd7ae',
  },
  {
    name: '20261122T1400-rollup-followers-at',
    sql: rollupFollowersAt,
    sha256: '25fb6a9617dd208aec73b5f569c0b73000d1e61a3458be87fa2f8eaaeae8b47c',
  },
  {
    name: '20261122T1410-rollup-no-fk',
    sql: rollupNoFk,
    sha256: '7f8b86ac1c37f9f2927d2bebed26843054f467ac51f220103c50e3a2351144cd',
  },
];
