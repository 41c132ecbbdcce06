import { Empty, Flex, Spin, Table, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import {
  useStatisticsByYear,
  type MemberCounts,
  type OrgRow,
  type Scope,
} from "@/features/reports/api/statistics";
import { LevelChart, LevelLegend, type LevelChartRow } from "@/features/reports/components/level-bars";
import { classifiedCount, memberLevels, permilleText } from "@/features/reports/components/levels";
import { useReportsT } from "@/features/reports/messages";
import { useLocale, useT } from "@/lib/i18n/use-t";
import { errorMessage } from "@/lib/problems";

/** How many years the trend covers, the chosen one last. */
const trendYears = 5;

const collator = new Intl.Collator("vi");

type BranchTrend = { key: number; name: string; byYear: Map<number, OrgRow> };

type YearTotal = { key: number; year: number; at: number };

/** The level distribution of the organisation and of each branch over the last five years. */
export function LevelTrends({ scope }: { scope: Scope }) {
  const t = useT();
  const rt = useReportsT();
  const { locale } = useLocale();
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

  /** The year as its column or row header, starred when counted from the members' history. */
  const yearText = (year: number, at: number) =>
    `${year}${results[at].data?.from_history ? "*" : ""}`;

  const chartRows: LevelChartRow[] = years.flatMap((year, at) => {
    const total = results[at].data?.total;
    return total === undefined ? [] : [{ key: year, label: yearText(year, at), counts: total }];
  });

  const totalColumns: ColumnsType<YearTotal> = [
    {
      title: rt("reports.trend.year"),
      key: "year",
      render: (_, row) => <Typography.Text strong>{yearText(row.year, row.at)}</Typography.Text>,
    },
    ...memberLevels.map((level, index) => ({
      title: rt(`reports.${level}`),
      key: level,
      align: "right" as const,
      // A year without figures says why across the four level columns.
      onCell: (row: YearTotal) => {
        const result = results[row.at];
        const figures = result.data !== undefined && classifiedCount(result.data.total) > 0;
        return { colSpan: figures ? 1 : index === 0 ? memberLevels.length : 0 };
      },
      render: (_: unknown, row: YearTotal) => {
        const result = results[row.at];
        if (result.isPending) return <Spin size="small" />;
        if (result.isError) {
          return <Typography.Text type="danger">{errorMessage(result.error, t)}</Typography.Text>;
        }
        const counts = result.data.total;
        if (classifiedCount(counts) === 0) {
          return <Typography.Text type="secondary">{rt("reports.trend.none")}</Typography.Text>;
        }
        return `${counts[level]} (${permilleText(counts[`${level}_permille`], locale)})`;
      },
    })),
  ];

  const columns: ColumnsType<BranchTrend> = [
    {
      title: rt("reports.trend.branch"),
      key: "name",
      fixed: "left",
      render: (_, row) => row.name,
    },
    ...years.map((year, at) => ({
      title: yearText(year, at),
      key: String(year),
      width: 180,
      render: (_: unknown, row: BranchTrend) => {
        const result = results[at];
        if (result.isPending) return <Spin size="small" />;
        if (result.isError) return <Typography.Text type="danger">—</Typography.Text>;
        return <YearShares counts={row.byYear.get(year)} />;
      },
    })),
  ];

  return (
    <Flex vertical gap={12} data-testid="level-trends">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {rt("reports.trend")}
      </Typography.Title>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {rt("reports.trend.total")}
      </Typography.Title>
      <LevelLegend />
      <LevelChart
        testId="level-trend-chart"
        label={rt("reports.trend.chart", { from: years[0], to: years[years.length - 1] })}
        rows={chartRows}
      />
      <Table<YearTotal>
        data-testid="level-trend-total"
        size="small"
        pagination={false}
        scroll={{ x: true }}
        dataSource={years.map((year, at) => ({ key: year, year, at }))}
        columns={totalColumns}
      />
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

/** A year's counts and shares of one branch, or "no result yet" when nobody was classified. */
function YearShares({ counts }: { counts: MemberCounts | undefined }) {
  const rt = useReportsT();
  const { locale } = useLocale();
  const classified = counts === undefined ? 0 : classifiedCount(counts);
  if (counts === undefined || classified === 0) {
    return <Typography.Text type="secondary">{rt("reports.trend.none")}</Typography.Text>;
  }
  return (
    <Flex vertical>
      <Typography.Text type="secondary">
        {rt("reports.trend.classified", { classified, members: counts.members })}
      </Typography.Text>
      {memberLevels.map((level) => (
        <span key={level}>
          {`${rt(`reports.${level}`)} ${counts[level]} (${permilleText(counts[`${level}_permille`], locale)})`}
        </span>
      ))}
    </Flex>
  );
}
