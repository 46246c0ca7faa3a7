import { useMemo } from 'react';
import { fmt1 } from '../format.js';
import { worldGeoJson, worldProjection } from '../map/world.js';
import { Chart } from './chart.js';
import { echarts, type ChartOption } from './echarts.js';

let registered = false;
function ensureMap() {
  if (registered) return;
  echarts.registerMap(
    'attache-world',
    worldGeoJson() as unknown as Parameters<typeof echarts.registerMap>[1],
  );
  registered = true;
}

export interface MapValue {
  code: string;
  label: string;
  value: number | null;
}

interface Props {
  title: string;
  /** Name and unit of the value, for the legend and tooltip (e.g. "Country index, 0–100"). */
  valueName: string;
  values: readonly MapValue[];
  min?: number;
  max?: number;
  onSelect?: (code: string) => void;
}

/** A choropleth of countries by ISO alpha-2 code; countries without a value are grey and say so. */
export function WorldMap({ title, valueName, values, min = 0, max = 100, onSelect }: Props) {
  ensureMap();
  const option = useMemo<ChartOption>(() => {
    const byCode = new Map(values.map((v) => [v.code, v]));
    const names = new Map(worldGeoJson().features.map((f) => [f.properties.iso, f.properties.name]));
    return {
      title: { text: title, left: 'center', textStyle: { fontSize: 15 } },
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string }) => {
          const v = byCode.get(p.name);
          const name = v?.label ?? names.get(p.name) ?? p.name;
          // ECharts writes tooltips as HTML: country names come from our registry, but escape them anyway.
          const text = `${name}: ${v && v.value !== null ? `${fmt1(v.value)} (${valueName})` : 'no data'}`;
          return echarts.format.encodeHTML(text);
        },
      },
      visualMap: {
        type: 'continuous',
        min,
        max,
        text: [`${fmt1(max)}`, `${fmt1(min)}`],
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: 180,
        inRange: { color: ['#e0ecf4', '#9ebcda', '#8856a7', '#4d004b'] },
        formatter: (v: number) => fmt1(v),
      },
      series: [
        {
          type: 'map',
          map: 'attache-world',
          nameProperty: 'iso',
          projection: worldProjection(),
          roam: true,
          top: 40,
          bottom: 50,
          itemStyle: { areaColor: '#f0f0f0', borderColor: '#999', borderWidth: 0.5 },
          emphasis: { label: { show: false }, itemStyle: { areaColor: '#f2b134' } },
          select: { disabled: true },
          data: values.filter((v) => v.value !== null).map((v) => ({ name: v.code, value: v.value })),
        },
      ],
    };
  }, [title, valueName, values, min, max]);
  return (
    <Chart
      option={option}
      label={`${title}. World map; ${values.length} countries have a value. The table beside it lists them.`}
      height={420}
      onClick={onSelect ? (e) => onSelect(e.name) : undefined}
    />
  );
}
