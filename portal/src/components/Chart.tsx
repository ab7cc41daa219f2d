// ECharts with only the pieces the portal draws (bar and pie on canvas), so the chunk stays small.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export function Chart({
  option,
  height = 260,
  label,
}: {
  option: EChartsCoreOption;
  height?: number;
  label: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current);
    chart.setOption(option);
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option]);
  return <div ref={el} role="img" aria-label={label} style={{ height, width: '100%' }} />;
}

export const pieOption = (data: { name: string; value: number }[]): EChartsCoreOption => ({
  tooltip: { trigger: 'item' },
  legend: { bottom: 0 },
  series: [{ type: 'pie', radius: ['40%', '70%'], data, label: { formatter: '{b}: {c}' } }],
});

export const barOption = (data: { name: string; value: number }[]): EChartsCoreOption => ({
  tooltip: { trigger: 'axis' },
  grid: { left: 40, right: 16, top: 16, bottom: 40 },
  xAxis: { type: 'category', data: data.map((d) => d.name) },
  yAxis: { type: 'value' },
  series: [{ type: 'bar', data: data.map((d) => d.value) }],
});

/** Two series either side of the axis (an age pyramid): the left one drawn as negative bars. */
export const pyramidOption = (
  categories: string[],
  left: { name: string; values: number[] },
  right: { name: string; values: number[] },
): EChartsCoreOption => ({
  tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => String(Math.abs(Number(v))) },
  legend: { bottom: 0 },
  grid: { left: 80, right: 16, top: 16, bottom: 40 },
  xAxis: { type: 'value', axisLabel: { formatter: (v: number) => String(Math.abs(v)) } },
  yAxis: { type: 'category', data: categories },
  series: [
    { name: left.name, type: 'bar', stack: 'sex', data: left.values.map((v) => -v) },
    { name: right.name, type: 'bar', stack: 'sex', data: right.values },
  ],
});
