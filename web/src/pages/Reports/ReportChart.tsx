import { Column, Line } from '@ant-design/plots';
import type { ReportPoint } from '../../../../contract';

// The report's chart. @ant-design/plots (G2) is large: this module is loaded with React.lazy by the
// report page only, so the inbox and every other page never download it (bench B5 watches the inbox).

export default function ReportChart({ kind, points, label }: { kind: 'line' | 'column'; points: Array<ReportPoint & { series: string; xLabel: string }>; label: string }) {
  const data = points.map((p) => ({ x: p.xLabel, y: p.y, series: p.series }));
  const common = { data, xField: 'x', yField: 'y', colorField: 'series', height: 280, autoFit: true, axis: { y: { title: false }, x: { title: false } } };
  return (
    <div role="img" aria-label={label} data-testid="report-chart">
      {kind === 'line' ? <Line {...common} point={{ shapeField: 'circle', sizeField: 3 }} /> : <Column {...common} group />}
    </div>
  );
}
