import { Empty, Flex, Table } from "antd";
import type { ColumnsType } from "antd/es/table";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { MemberCounts, OrgRow } from "@/features/reports/api/statistics";
import {
  levelColors,
  memberLevels,
  permilleText,
  type MemberLevel,
} from "@/features/reports/components/levels";
import { useReportsT } from "@/features/reports/messages";
import { useLocale } from "@/lib/i18n/use-t";

/** Which colour is which level, for every chart of the reports. */
export function LevelLegend() {
  const rt = useReportsT();
  return (
    <Flex gap={16} wrap aria-hidden>
      {memberLevels.map((level) => (
        <Flex key={level} gap={4} align="center">
          <span
            style={{ width: 12, height: 12, background: levelColors[level], display: "inline-block" }}
          />
          {rt(`reports.${level}`)}
        </Flex>
      ))}
    </Flex>
  );
}

/** One bar of a levels chart: its label on the axis and the counts it stacks. */
export type LevelChartRow = { key: string | number; label: string; counts: MemberCounts };

type LevelChartProps = {
  rows: LevelChartRow[];
  /** What a screen reader says of the whole chart; the table beside it has the figures. */
  label: string;
  /** Horizontal bars, one per row (the branches), or vertical columns (the years). */
  horizontal?: boolean;
  testId?: string;
};

const axisWidth = 200;

/**
 * The level distributions (M1) of some rows as a 100% stacked bar chart of per-mille shares,
 * with each level's count and share on hover. Drawn by recharts; its SVG is hidden from
 * screen readers, which read the label and the table beside the chart.
 */
export function LevelChart({ rows, label, horizontal = false, testId }: LevelChartProps) {
  const rt = useReportsT();
  const { locale } = useLocale();
  const height = horizontal ? 48 + rows.length * 32 : 260;
  const share = (permille: number) => permilleText(permille, locale);
  const valueAxis = {
    type: "number" as const,
    domain: [0, 1000],
    ticks: [0, 250, 500, 750, 1000],
    tickFormatter: (value: number) => share(value),
  };
  const categoryAxis = { type: "category" as const, dataKey: "label" };
  return (
    <div role="img" aria-label={label} data-testid={testId} style={{ width: "100%", height }}>
      <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 640, height }}>
        <BarChart
          data={rows}
          layout={horizontal ? "vertical" : "horizontal"}
          accessibilityLayer={false}
          margin={{ top: 8, right: 24, bottom: 8, left: 8 }}
        >
          <CartesianGrid
            strokeDasharray="3 3"
            {...(horizontal ? { horizontal: false } : { vertical: false })}
          />
          {horizontal ? (
            <>
              <XAxis {...valueAxis} />
              <YAxis {...categoryAxis} width={axisWidth} />
            </>
          ) : (
            <>
              <XAxis {...categoryAxis} />
              <YAxis {...valueAxis} />
            </>
          )}
          <Tooltip
            cursor={{ fill: "rgba(0, 0, 0, 0.06)" }}
            itemStyle={{ color: "rgba(0, 0, 0, 0.88)" }}
            separator=": "
            itemSorter={(item) =>
              memberLevels.findIndex((level) => rt(`reports.${level}`) === item.name)
            }
            formatter={(_value, name, item) => {
              const counts = (item.payload as LevelChartRow).counts;
              const level = memberLevels.find((one) => rt(`reports.${one}`) === name) as MemberLevel;
              return [`${counts[level]} (${share(counts[`${level}_permille`])})`, name];
            }}
          />
          {memberLevels.map((level) => (
            <Bar
              key={level}
              dataKey={(row: LevelChartRow) => row.counts[`${level}_permille`]}
              name={rt(`reports.${level}`)}
              stackId="levels"
              fill={levelColors[level]}
              isAnimationActive={false}
              maxBarSize={40}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Each branch's level distribution (M1) as a stacked bar chart, with a table of the shares. */
export function LevelBars({ rows }: { rows: OrgRow[] }) {
  const rt = useReportsT();
  const { locale } = useLocale();
  const branches = rows.filter((row) => row.kind === "branch");
  if (branches.length === 0) return <Empty description={rt("reports.chart.empty")} />;
  const columns: ColumnsType<OrgRow> = [
    { title: rt("reports.trend.branch"), key: "name", render: (_, row) => row.name },
    ...memberLevels.map((level) => ({
      title: rt(`reports.${level}`),
      key: level,
      align: "right" as const,
      render: (_: unknown, row: OrgRow) =>
        `${row[level]} (${permilleText(row[`${level}_permille`], locale)})`,
    })),
  ];
  return (
    <Flex vertical gap={8} data-testid="level-bars">
      <LevelLegend />
      <LevelChart
        horizontal
        testId="level-bars-chart"
        label={rt("reports.chart.label", { count: branches.length })}
        rows={branches.map((row) => ({ key: row.organization_id, label: row.name, counts: row }))}
      />
      <Table<OrgRow>
        data-testid="level-bars-table"
        size="small"
        pagination={false}
        scroll={{ x: true }}
        rowKey="organization_id"
        dataSource={branches}
        columns={columns}
      />
    </Flex>
  );
}
