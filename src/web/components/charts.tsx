import { useMemo } from 'react';
import { fmtCompact, fmtDay, fmtInt } from '../format.js';
import { Chart } from './chart.js';
import type { ChartOption } from './echarts.js';

export interface Series {
  name: string;
  values: (number | null)[];
  type?: 'line' | 'bar';
  stack?: string;
  /** Right-hand axis (a second unit). */
  right?: boolean;
}

interface Props {
  title: string;
  days: string[];
  series: Series[];
  /** Axis names with their units, e.g. "Followers" or "Posts per day". */
  yName: string;
  yRightName?: string;
  height?: number;
}

const tooltipNumber = (v: unknown) => (typeof v === 'number' ? fmtInt(v) : 'unknown');

/** A time series chart over days (UTC): title, named axes with units, a tooltip, unknown days left as gaps. */
export function DayChart({ title, days, series, yName, yRightName, height = 300 }: Props) {
  const option = useMemo<ChartOption>(
    () => ({
      title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis', valueFormatter: tooltipNumber },
      legend: series.length > 1 ? { bottom: 0, type: 'scroll' } : undefined,
      grid: { left: 64, right: yRightName ? 64 : 20, top: 48, bottom: series.length > 1 ? 64 : 44 },
      xAxis: {
        type: 'category',
        data: days,
        name: 'Day (UTC)',
        nameLocation: 'middle',
        nameGap: 26,
        axisLabel: { formatter: (v: string) => fmtDay(v) },
      },
      yAxis: [
        {
          type: 'value',
          name: yName,
          nameLocation: 'middle',
          nameGap: 48,
          scale: series.every((s) => s.type !== 'bar'),
          axisLabel: { formatter: (v: number) => fmtCompact(v) },
        },
        ...(yRightName
          ? [
              {
                type: 'value',
                name: yRightName,
                nameLocation: 'middle',
                nameGap: 48,
                axisLabel: { formatter: (v: number) => fmtCompact(v) },
                splitLine: { show: false },
              },
            ]
          : []),
      ],
      series: series.map((s) => ({
        name: s.name,
        type: s.type ?? 'line',
        stack: s.stack,
        yAxisIndex: s.right ? 1 : 0,
        connectNulls: false,
        showSymbol: days.length < 40,
        data: s.values,
      })),
    }),
    [title, days, series, yName, yRightName],
  );
  return (
    <Chart
      option={option}
      label={`${title}: ${series.map((s) => s.name).join(', ')} by day`}
      height={height}
    />
  );
}
