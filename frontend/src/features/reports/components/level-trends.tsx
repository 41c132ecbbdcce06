import { Empty, Flex, Spin, Table, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import {
  useStatisticsByYear,
  type MemberCounts,
  type OrgRow,
  type Scope,
} from "@/features/reports/api/statistics";
import { LevelBar, LevelLegend } from "@/features/reports/components/level-bars";
import { classifiedCount, memberLevels, permilleText } from "@/features/reports/components/levels";
import { useReportsT } from "@/features/reports/messages";
import { useLocale, useT } from "@/lib/i18n/use-t";
import { errorMessage } from "@/lib/problems";

/** How many years the trend covers, the chosen one last. */
const trendYears = 5;

const collator = new Intl.Collator("vi");

type BranchTrend = { key: number; name: string; byYear: Map<number, OrgRow> };

/** The level distribution of the organisation and of each branch over the last five years. */
export function LevelTrends({ scope }: { scope: Scope }) {
  const t = useT();
  const rt = useReportsT();
  const years = Array.from({ length: trendYears }, (_, at) => scope.year - trendYears + 1 + at);
  const results = useStatisticsByYear(scope.organizationId, years);

  // A branch may exist in some of the years only; its latest name is the one shown.
  const branches = new Map<number, BranchTrend>();
  results.forEach((result, at) => {
    for (const row of result.data?.rows ?? []) {
      if (row.kind !== "branch") continue;
      const trend = branches.get(row.organization_id) ?? {
        key: row.organization_id,
        name: row.name,
        byYear: new Map<number, OrgRow>(),
      };
      trend.name = row.name;
      trend.byYear.set(years[at], row);
      branches.set(row.organization_id, trend);
    }
  });
  const rows = [...branches.values()].sort((a, b) => collator.compare(a.name, b.name));

  const columns: ColumnsType<BranchTrend> = [
    {
      title: rt("reports.trend.branch"),
      key: "name",
      fixed: "left",
      render: (_, row) => row.name,
    },
    ...years.map((year, at) => ({
      title: String(year),
      key: String(year),
      width: 140,
      render: (_: unknown, row: BranchTrend) => {
        const result = results[at];
        if (result.isPending) return <Spin size="small" />;
        if (result.isError) return <Typography.Text type="danger">—</Typography.Text>;
        return (
          <YearBar
            counts={row.byYear.get(year)}
            label={(levels) => rt("reports.trend.cell", { name: row.name, year, levels })}
            height={12}
          />
        );
      },
    })),
  ];

  return (
    <Flex vertical gap={12} data-testid="level-trends">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {rt("reports.trend")}
      </Typography.Title>
      <LevelLegend />
      <Typography.Title level={5} style={{ margin: 0 }}>
        {rt("reports.trend.total")}
      </Typography.Title>
      <Flex vertical gap={8} data-testid="level-trend-total">
        {years.map((year, at) => {
          const result = results[at];
        return (
          <Flex key={year} gap={8} align="center">
            <Typography.Text strong style={{ width: 56, flexShrink: 0 }}>
              {year}
              {result.data?.from_history && "*"}
            </Typography.Text>
            {result.isPending ? (
              <Spin size="small" />
            ) : result.isError ? (
              <Typography.Text type="danger">{errorMessage(result.error, t)}</Typography.Text>
            ) : (
              <YearBar
                counts={result.data.total}
                label={(levels) => rt("reports.trend.bar", { year, levels })}
              />
            )}
          </Flex>
          );
        })}
      </Flex>
      {results.some((result) => result.data?.from_history) && (
        <Typography.Text type="secondary" data-testid="level-trend-history">
          {rt("reports.trend.fromHistory")}
        </Typography.Text>
      )}
      <Typography.Title level={5} style={{ margin: 0 }}>
        {rt("reports.trend.branches")}
      </Typography.Title>
      {rows.length === 0 && results.every((result) => !result.isPending) ? (
        <Empty description={rt("reports.chart.empty")} />
      ) : (
        <Table<BranchTrend>
          data-testid="level-trend-matrix"
          size="small"
          pagination={false}
          scroll={{ x: true }}
          dataSource={rows}
          columns={columns}
        />
      )}
    </Flex>
  );
}

type YearBarProps = {
  /** Absent when the organisation had no such row that year. */
  counts: MemberCounts | undefined;
  label: (levels: string) => string;
  height?: number;
};

/** A year's stacked bar with the counts on hover, or "no result yet" when nobody was classified. */
function YearBar({ counts, label, height }: YearBarProps) {
  const rt = useReportsT();
  const { locale } = useLocale();
  const classified = counts === undefined ? 0 : classifiedCount(counts);
  if (counts === undefined || classified === 0) {
    return <Typography.Text type="secondary">{rt("reports.trend.none")}</Typography.Text>;
  }
  const shares = memberLevels.map(
    (level) =>
      `${rt(`reports.${level}`)} ${counts[level]} (${permilleText(counts[`${level}_permille`], locale)})`,
  );
  return (
    <LevelBar
      counts={counts}
      label={label(shares.join(", "))}
      height={height}
      tooltip={
        <Flex vertical>
          <span>{rt("reports.trend.classified", { classified, members: counts.members })}</span>
          {shares.map((share) => (
            <span key={share}>{share}</span>
          ))}
        </Flex>
      }
    />
  );
}
