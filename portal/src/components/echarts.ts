// ECharts with only the pieces the portal draws (bar and pie on canvas), so the chunk stays small. Its
// own chunk, loaded by Chart.tsx when a chart first mounts: nothing else of a page waits for it.
import * as echarts from 'echarts/core';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { echarts };
