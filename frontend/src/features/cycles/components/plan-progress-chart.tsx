import { Flex, Typography } from "antd";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Rectangle,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type BarShapeProps,
  type TooltipContentProps,
} from "recharts";
import {
  planStatusText,
  type PlanRow,
  type PlanStatus,
} from "@/features/cycles/components/plan-progress-rows";
import { useCyclesT } from "@/features/cycles/messages";

// The hues of the reports' level bars: green done, blue under way, red failing.
const statusColors: Record<PlanStatus, string> = {
  done: "#389e0d",
  on_track: "#1677ff",
  overdue: "#cf1322",
};

/** A bar of the chart: the row, with its work in words for the axis. */
type ChartRow = PlanRow & { label: string };

/** The figures of one work, shown on hovering its bar. */
export function PlanProgressTip({ row }: { row: PlanRow }) {
  const ct = useCyclesT();
  return (
    <Flex
      vertical
      gap={2}
      data-testid="plan-progress-tip"
      style={{
        background: "#fff",
        border: "1px solid #d9d9d9",
        borderRadius: 6,
        padding: "6px 10px",
        boxShadow: "0 3px 6px -4px rgba(0, 0, 0, 0.12), 0 6px 16px 0 rgba(0, 0, 0, 0.08)",
      }}
    >
      <Typography.Text strong>{ct(`planProgress.work.${row.work}`)}</Typography.Text>
      <Typography.Text>
        {row.done}/{row.whole} ({row.percent}%)
      </Typography.Text>
      <Typography.Text>{ct("planProgress.deadline", { date: row.deadline })}</Typography.Text>
      <Typography.Text style={{ color: statusColors[row.status] }}>
        {planStatusText(ct, row)}
      </Typography.Text>
      {row.accepted !== null && (
        <Typography.Text type="secondary">
          {ct("planProgress.accepted", { accepted: row.accepted })}
        </Typography.Text>
      )}
    </Flex>
  );
}

function TipContent({ active, payload }: TooltipContentProps) {
  const row = payload[0]?.payload as ChartRow | undefined;
  return active && row ? <PlanProgressTip row={row} /> : null;
}

function StatusBar(props: BarShapeProps) {
  return <Rectangle {...props} fill={statusColors[(props.payload as ChartRow).status]} />;
}

const axisWidth = 240;

/**
 * Each work of the plan as a horizontal bar of its percent done, coloured by its status, with
 * its figures on hover. Drawn by recharts, loaded apart from the first page (the home page shows
 * it); the caller wraps it in an image with a label, and lists the figures in a table.
 */
export function PlanProgressChart({ rows, height }: { rows: PlanRow[]; height: number }) {
  const ct = useCyclesT();
  const data: ChartRow[] = rows.map((row) => ({ ...row, label: ct(`planProgress.work.${row.work}`) }));
  return (
    <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 640, height }}>
      <BarChart
        data={data}
        layout="vertical"
        accessibilityLayer={false}
        margin={{ top: 8, right: 24, bottom: 8, left: 8 }}
      >
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis
          type="number"
          domain={[0, 100]}
          ticks={[0, 25, 50, 75, 100]}
          tickFormatter={(value: number) => `${value}%`}
        />
        <YAxis type="category" dataKey="label" width={axisWidth} tick={{ fontSize: 12 }} />
        <Tooltip cursor={{ fill: "rgba(0, 0, 0, 0.06)" }} content={TipContent} />
        <Bar
          dataKey="percent"
          background={{ fill: "#f0f0f0" }}
          shape={StatusBar}
          isAnimationActive={false}
          maxBarSize={24}
        />
      </BarChart>
    </ResponsiveContainer>
  );
}
