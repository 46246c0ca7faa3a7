import { geoEqualEarth } from 'd3-geo';
import countries from 'i18n-iso-countries';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';

/**
 * The world map: Natural Earth 1:110m countries (world-atlas, public domain), keyed by ISO 3166-1 alpha-2 as
 * the registry is. world-atlas names countries by ISO numeric code; three features have none and are named
 * here with the registry's codes for them.
 */
const UNCODED: Record<string, string> = { Kosovo: 'XK', Somaliland: 'XS', 'N. Cyprus': 'XN' };
/** Antarctica (010) takes a fifth of an equal-area map and hosts no embassy. */
const LEFT_OUT = new Set(['010']);

export interface WorldFeature {
  type: 'Feature';
  id?: string;
  properties: { name: string; iso: string };
  geometry: GeoJSON.Geometry;
}

export function alpha2OfNumeric(id: string | number | undefined, name: string): string | null {
  if (id !== undefined) return countries.numericToAlpha2(String(id)) ?? null;
  return UNCODED[name] ?? null;
}

let cached: { type: 'FeatureCollection'; features: WorldFeature[] } | null = null;

export function worldGeoJson(): { type: 'FeatureCollection'; features: WorldFeature[] } {
  if (cached) return cached;
  const topology = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const fc = feature(topology, topology.objects.countries);
  const features: WorldFeature[] = [];
  for (const f of fc.features) {
    const id = f.id === undefined ? undefined : String(f.id);
    if (id && LEFT_OUT.has(id)) continue;
    const name = f.properties.name;
    const iso = alpha2OfNumeric(id, name);
    if (!iso) continue;
    features.push({ type: 'Feature', id, properties: { name, iso }, geometry: f.geometry });
  }
  cached = { type: 'FeatureCollection', features };
  return cached;
}

/**
 * Equal Earth (equal-area, so large countries are not inflated) with d3's projection stream: ECharts feeds each
 * ring through it, and d3 cuts rings at the antimeridian, so Russia's and Fiji's polygons that cross 180° are
 * split instead of smeared across the map.
 */
export function worldProjection() {
  const projection = geoEqualEarth();
  return {
    project: (p: number[]) => projection([p[0]!, p[1]!]) ?? [NaN, NaN],
    unproject: (p: number[]) => projection.invert?.([p[0]!, p[1]!]) ?? [NaN, NaN],
    stream: projection.stream.bind(projection),
  };
}
