// A chart of the portal. ECharts itself (the portal's biggest chunk, ~170 KiB gzip and a few hundred ms
// of script) loads on the first chart's mount, so a page's numbers paint without waiting for it (issue 8:
// the overview's headcount); the option builders below are plain objects and cost nothing.
import { useEffect, useRef, useState } from 'react';
import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { useI18n } from '../i18n/index.tsx';

let engine: Promise<typeof import('./echarts.ts')> | undefined;

/** Starts (once) the download of the chart engine; a failed download is tried again on the next call. */
export function loadChartEngine() {
  engine ??= import('./echarts.ts').catch((e: unknown) => {
    engine = undefined;
    throw e;
  });
  return engine;
}

export function Chart({
  option,
  height = 260,
  label,
}: {
  option: EChartsCoreOption;
  height?: number;
  label: string;
}) {
  const { t } = useI18n();
  const el = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    let chart: EChartsType | undefined;
    const resize = () => chart?.resize();
    loadChartEngine().then(
      ({ echarts }) => {
        if (!live || !el.current) return;
        chart = echarts.init(el.current);
        chart.setOption(option);
        window.addEventListener('resize', resize);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
      window.removeEventListener('resize', resize);
      chart?.dispose();
    };
  }, [option]);
  return (
    <div ref={el} role="img" aria-label={label} style={{ height, width: '100%' }}>
      {failed ? t('error.network') : null}
    </div>
  );
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
