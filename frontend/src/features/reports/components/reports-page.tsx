import { DownloadOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Empty,
  Flex,
  Form,
  InputNumber,
  Spin,
  Statistic,
  Table,
  Typography,
} from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import {
  downloadStatistics,
  useStatistics,
  type CountsBy,
  type MemberCounts,
  type OrgLevels,
  type OrgRow,
  type Scope,
} from "@/features/reports/api/statistics";
import { LevelBars } from "@/features/reports/components/level-bars";
import { LevelTrends } from "@/features/reports/components/level-trends";
import { memberLevels, permilleText } from "@/features/reports/components/levels";
import { useReportsT, type ReportsTranslate } from "@/features/reports/messages";
import { OrgSelect } from "@/components/org-select";
import { orgKindText } from "@/lib/domain/labels";
import { useCycleYear } from "@/lib/cycle-year";
import type { Locale } from "@/lib/i18n/messages";
import { useLocale, useT } from "@/lib/i18n/use-t";
import { useFirstOrg, type Organization } from "@/lib/org-tree";
import { errorMessage } from "@/lib/problems";

const reportedKinds = ["province", "district", "base", "branch"];
const reported = (org: Organization) => reportedKinds.includes(org.kind);

/**
 * The year's statistics under an organisation: a table, a chart per branch, the five years up to
 * it, the O1/O3 counts.
 */
export function ReportsPage() {
  const rt = useReportsT();
  const firstOrg = useFirstOrg(reported);
  const [chosenId, setChosenId] = useState<number>();
  const [chosenYear, setYear] = useState<number>();
  const orgId = chosenId ?? firstOrg;
  // Until a year is typed, that of the organisation's latest cycle.
  const cycleYear = useCycleYear(orgId, chosenYear === undefined);
  const year = chosenYear ?? cycleYear;

  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {rt("reports.intro")}
      </Typography.Paragraph>
      <Form layout="inline">
        <Form.Item label={rt("reports.organization")}>
          <OrgSelect
            aria-label={rt("reports.organization")}
            value={orgId}
            onChange={setChosenId}
            offered={reported}
          />
        </Form.Item>
        <Form.Item label={rt("reports.year")}>
          <InputNumber
            aria-label={rt("reports.year")}
            min={1990}
            max={2100}
            precision={0}
            value={year ?? null}
            onChange={(value) => value !== null && setYear(value)}
          />
        </Form.Item>
        {orgId !== undefined && year !== undefined && (
          <Form.Item>
            <DownloadButton scope={{ organizationId: orgId, year }} />
          </Form.Item>
        )}
      </Form>
      {orgId === undefined ? (
        <Empty description={rt("reports.noOrganization")} />
      ) : year === undefined ? (
        <Spin />
      ) : (
        <Report scope={{ organizationId: orgId, year }} />
      )}
    </Flex>
  );
}

function DownloadButton({ scope }: { scope: Scope }) {
  const t = useT();
  const rt = useReportsT();
  const { message } = App.useApp();
  const [loading, setLoading] = useState(false);
  const download = () => {
    setLoading(true);
    downloadStatistics(scope)
      .catch((error: unknown) => void message.error(errorMessage(error, t)))
      .finally(() => setLoading(false));
  };
  return (
    <Button icon={<DownloadOutlined />} loading={loading} onClick={download}>
      {rt("reports.download")}
    </Button>
  );
}

type Row = MemberCounts & { key: string; name: string; kind?: string };

/** A column per member level (M1): its count and its share of those classified. */
function levelColumns<T extends MemberCounts>(
  rt: ReportsTranslate,
  locale: Locale,
): ColumnsType<T> {
  return memberLevels.map((level) => ({
    title: rt(`reports.${level}`),
    key: level,
    align: "right" as const,
    render: (_: unknown, row: T) => (
      <>
        {row[level]}{" "}
        <Typography.Text type="secondary">
          ({permilleText(row[`${level}_permille`], locale)})
        </Typography.Text>
      </>
    ),
  }));
}

type CountsByProps = { testId: string; title: string; keyTitle: string; rows: CountsBy[] };

/**
 * Points cycles (tw-366-2025): members per level by frame or by quota group (S1, S7), from the
 * recorded results; nothing under 2016's rules.
 */
function CountsByTable(props: CountsByProps) {
  const { testId, title, keyTitle, rows } = props;
  const rt = useReportsT();
  const { locale } = useLocale();
  if (rows.length === 0) return null;
  return (
    <Flex vertical gap={8} data-testid={testId}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      <Table<CountsBy>
        size="small"
        pagination={false}
        scroll={{ x: true }}
        rowKey={(row) => `${row.cycle_id ?? ""}/${row.key}`}
        dataSource={rows}
        columns={[
          { title: keyTitle, dataIndex: "key", key: "key" },
          { title: rt("reports.members"), dataIndex: "members", key: "members", align: "right" },
          ...levelColumns<CountsBy>(rt, locale),
        ]}
      />
    </Flex>
  );
}

function Report({ scope }: { scope: Scope }) {
  const t = useT();
  const rt = useReportsT();
  const { locale } = useLocale();
  const statistics = useStatistics(scope);
  if (statistics.isPending) return <Spin />;
  if (statistics.isError) {
    return <Alert type="error" showIcon title={errorMessage(statistics.error, t)} />;
  }
  const data = statistics.data;
  const rows: Row[] = [
    ...data.rows.map((row: OrgRow) => ({ ...row, key: String(row.organization_id) })),
    { ...data.total, key: "total", name: rt("reports.total") },
  ];
  const count = (key: keyof MemberCounts) => ({
    title: rt(`reports.${key}` as Parameters<ReportsTranslate>[0]),
    dataIndex: key,
    align: "right" as const,
  });
  const columns: ColumnsType<Row> = [
    {
      title: rt("reports.name"),
      key: "name",
      render: (_, row) =>
        row.kind === undefined ? (
          <strong>{row.name}</strong>
        ) : (
          `${row.name} (${orgKindText(t, row.kind)})`
        ),
    },
    count("members"),
    ...levelColumns<Row>(rt, locale),
    count("pending"),
    count("not_classified"),
    count("unresolved"),
    count("not_voted"),
    count("supplementary"),
    count("cancelled"),
  ];
  return (
    <>
      <Table<Row>
        data-testid="statistics-table"
        size="small"
        pagination={false}
        scroll={{ x: true }}
        dataSource={rows}
        columns={columns}
      />
      <CountsByTable
        testId="statistics-frames"
        title={rt("reports.frames")}
        keyTitle={rt("reports.frame")}
        rows={data.frames}
      />
      <CountsByTable
        testId="statistics-quota-groups"
        title={rt("reports.quotaGroups")}
        keyTitle={rt("reports.quotaGroup")}
        rows={data.quota_groups}
      />
      {data.collectives.decided > 0 && (
        <Typography.Paragraph data-testid="statistics-collectives" style={{ margin: 0 }}>
          {rt("reports.collectives", data.collectives)}
        </Typography.Paragraph>
      )}
      <Typography.Title level={4} style={{ margin: 0 }}>
        {rt("reports.chart")}
      </Typography.Title>
      <LevelBars rows={data.rows} />
      <LevelTrends scope={scope} />
      <Typography.Title level={4} style={{ margin: 0 }}>
        {rt("reports.orgs")}
      </Typography.Title>
      <OrganizationsBlock rt={rt} levels={data.organizations} />
    </>
  );
}

function OrganizationsBlock({ rt, levels }: { rt: ReportsTranslate; levels: OrgLevels }) {
  const orgs = ["classified", "clean_strong", "exemplary", "good", "completed", "weak"] as const;
  const units = ["rated", "outstanding", "good", "fair", "average", "weak"] as const;
  return (
    <Flex vertical gap={12} data-testid="org-levels">
      <Flex gap={32} wrap>
        {orgs.map((key) => (
          <Statistic key={key} title={rt(`reports.orgs.${key}`)} value={levels[key]} />
        ))}
      </Flex>
      <Flex gap={32} wrap>
        {units.map((key) => (
          <Statistic key={key} title={rt(`reports.units.${key}`)} value={levels[`units_${key}`]} />
        ))}
      </Flex>
      {levels.warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={rt("reports.warnings")}
          description={
            <Flex vertical gap={4}>
              {levels.warnings.map((warning, at) => (
                <span key={at}>{warning}</span>
              ))}
            </Flex>
          }
        />
      )}
    </Flex>
  );
}
