import { useEffect, useRef } from 'react';
import { echarts, type ChartOption } from './echarts.js';

export interface ChartClick {
  name: string;
  dataIndex: number;
  seriesIndex: number;
  data: unknown;
}

interface Props {
  option: ChartOption;
  /** What the chart shows, for screen readers (the chart's own title is drawn inside it). */
  label: string;
  height?: number;
  onClick?: (e: ChartClick) => void;
}

const BASE: ChartOption = {
  aria: { enabled: true },
  textStyle: { fontFamily: 'inherit' },
  animation: false,
};

/** One ECharts instance in a div that follows its container's width. */
export function Chart({ option, label, height = 320, onClick }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, null, { renderer: 'svg' });
    chart.current = c;
    c.on('click', (p) => {
      const e = p as unknown as ChartClick;
      click.current?.({ name: e.name, dataIndex: e.dataIndex, seriesIndex: e.seriesIndex, data: e.data });
    });
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(el.current);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ ...BASE, ...option }, { notMerge: true });
  }, [option]);

  return <div ref={el} className="chart" role="img" aria-label={label} style={{ height }} />;
}
