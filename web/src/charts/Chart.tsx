// A chart of a query result with Apache ECharts (only the bar, line and pie
// charts and the components they need are bundled), or a pivot table.
import { useEffect, useRef } from "preact/hooks";
import * as echarts from "echarts/core";
import { BarChart, LineChart, PieChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";
import { shapeChart, type Cell, type ChartSpec, type ShapedChart } from "./shape";

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

/** The ECharts option for a shaped chart (exported for tests). */
export function chartOption(kind: ChartSpec["kind"], shaped: ShapedChart, metric: string): echarts.EChartsCoreOption {
  const text = { color: cssVar("--fg") || "#1b1f24" };
  if (kind === "pie") {
    // One slice per category: the sum over the series.
    const data = shaped.categories.map((name, j) => ({ name, value: shaped.series.reduce((t, s) => t + (s.values[j] ?? 0), 0) }));
    return {
      tooltip: { trigger: "item" },
      legend: { type: "scroll", bottom: 0, textStyle: text },
      series: [{ type: "pie", name: metric, radius: ["30%", "65%"], data, label: { color: text.color } }],
    };
  }
  return {
    tooltip: { trigger: "axis" },
    legend: { type: "scroll", top: 0, textStyle: text },
    grid: { left: 56, right: 16, top: 36, bottom: 36, containLabel: true },
    xAxis: { type: "category", data: shaped.categories, axisLabel: text },
    yAxis: { type: "value", name: metric, axisLabel: text, nameTextStyle: text },
    series: shaped.series.map((s) => ({
      type: kind === "bar" ? "bar" : "line",
      name: s.name,
      data: s.values,
      ...(kind === "area" ? { areaStyle: {}, stack: "total" } : {}),
      ...(kind === "bar" && shaped.series.length > 1 ? { stack: undefined } : {}),
    })),
  };
}

export function PivotTable(props: { shaped: ShapedChart; dimension: string }) {
  const { shaped } = props;
  return (
    <div class="table-wrap">
      <table class="grid">
        <thead>
          <tr>
            <th>{props.dimension}</th>
            {shaped.series.map((s) => (
              <th class="num" key={s.name}>
                {s.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shaped.categories.map((c, j) => (
            <tr key={c}>
              <td>{c}</td>
              {shaped.series.map((s) => (
                <td class="num" key={s.name}>
                  {s.values[j] ?? ""}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Draws `rows` (strings, as GetQueryResults gives them) as `spec` says; errors show in place. */
export function Chart(props: { spec: ChartSpec; columns: string[]; rows: Cell[][]; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  let shaped: ShapedChart | null = null;
  let error = "";
  try {
    shaped = shapeChart(props.columns, props.rows, props.spec);
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  useEffect(() => {
    if (!box.current || !shaped || props.spec.kind === "table") return;
    const chart = echarts.init(box.current, undefined, { renderer: "svg" });
    chart.setOption(chartOption(props.spec.kind, shaped, props.spec.metric));
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(box.current);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  });
  if (error) return <div class="error">{error}</div>;
  if (props.spec.kind === "table") return <PivotTable shaped={shaped!} dimension={props.spec.dimension} />;
  return <div class="chart" ref={box} style={{ height: `${props.height ?? 320}px` }} data-series={shaped!.series.length} />;
}
