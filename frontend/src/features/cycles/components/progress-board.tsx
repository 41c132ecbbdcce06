import { Alert, Flex, Progress as Bar, Table, Typography, type TableColumnsType } from "antd";
import type { ReactNode } from "react";
import {
  useProgress,
  type Counts,
  type OrgProgress,
  type Phase,
} from "@/features/cycles/api/cycles";
import { PlanProgress } from "@/features/cycles/components/plan-progress";
import { formatDay } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage } from "@/lib/problems";

type Row = Counts & { key: string; name: string };

function ratio(part: number, whole: number): string {
  return `${part}/${whole}`;
}

/** How far the plan is, each branch's counts, the totals, and how far the self-reviews are. */
export function ProgressBoard({ cycleId, phases }: { cycleId: number; phases: Phase[] }) {
  const t = useT();
  const progress = useProgress(cycleId);
  if (progress.isError) {
    return <Alert type="error" showIcon title={errorMessage(progress.error, t)} />;
  }
  const data = progress.data;
  const rows: Row[] = (data?.branches ?? []).map((branch: OrgProgress) => ({
    ...branch,
    key: String(branch.organization_id),
  }));
  const total: Row | null = data ? { ...data.total, key: "total", name: t("progress.total") } : null;
  const count = (key: keyof Counts, render?: (value: number, row: Row) => ReactNode) => ({
    dataIndex: key,
    align: "right" as const,
    render: render ?? ((value: number) => value),
  });
  const columns = (nameTitle: string): TableColumnsType<Row> => [
    {
      title: nameTitle,
      dataIndex: "name",
      render: (name: string, row) => (row.key === "total" ? <strong>{name}</strong> : name),
    },
    { title: t("progress.members"), ...count("members") },
    { title: t("progress.missing"), ...count("self_reviews_missing") },
    { title: t("progress.draft"), ...count("self_reviews_draft") },
    { title: t("progress.submitted"), ...count("self_reviews_submitted") },
    { title: t("progress.returned"), ...count("self_reviews_returned") },
    { title: t("progress.accepted"), ...count("self_reviews_accepted") },
    {
      title: t("progress.overdue"),
      ...count("self_reviews_overdue", (value) =>
        value > 0 ? (
          <span data-overdue="true">
            <Typography.Text type="danger" strong>
              {value}
            </Typography.Text>
          </span>
        ) : (
          value
        ),
      ),
    },
    {
      title: t("progress.ratings"),
      ...count("professional_ratings", (value, row) => ratio(value, row.civil_servants)),
    },
    {
      title: t("progress.feedback"),
      ...count("feedback_returned", (value, row) => (
        <>
          {ratio(value, row.feedback_requested)}
          {row.feedback_overdue > 0 && (
            <Typography.Text type="danger"> ({row.feedback_overdue})</Typography.Text>
          )}
        </>
      )),
    },
  ];
  // Above a base organisation, each district's bases added up.
  const districts: Row[] = (data?.districts ?? []).map((district) => ({
    ...district,
    key: `district-${district.organization_id}`,
  }));

  return (
    <Flex vertical gap={16}>
      {data && (
        <Typography.Text type="secondary">
          {t("progress.asOf", { date: formatDay(data.as_of) })}
          {data.self_reviews_due ? ` · ${t("progress.due", { date: formatDay(data.self_reviews_due) })}` : ""}
        </Typography.Text>
      )}
      {data && <PlanProgress progress={data} phases={phases} />}
      <Table<Row>
        data-testid="progress-table"
        size="small"
        loading={progress.isPending}
        dataSource={total ? [...rows, total] : rows}
        pagination={false}
        scroll={{ x: true }}
        rowClassName={(row) => (row.key === "total" ? "progress-total" : "")}
        columns={columns(t("progress.name"))}
      />
      {districts.length > 0 && (
        <div>
          <Typography.Title level={5}>{t("progress.districts")}</Typography.Title>
          <Table<Row>
            data-testid="progress-districts"
            size="small"
            dataSource={districts}
            pagination={false}
            scroll={{ x: true }}
            columns={columns(t("progress.district"))}
          />
        </div>
      )}
      {rows.length > 0 && (
        <div>
          <Typography.Title level={5}>{t("progress.chart")}</Typography.Title>
          {rows.map((row) => (
            <Flex key={row.key} gap={12} align="center">
              <span style={{ width: 220 }}>{row.name}</span>
              <Bar
                style={{ flex: 1 }}
                aria-label={row.name}
                percent={row.members ? Math.round((row.self_reviews_accepted * 100) / row.members) : 0}
                success={{
                  percent: row.members
                    ? Math.round((row.self_reviews_accepted * 100) / row.members)
                    : 0,
                }}
                format={() => ratio(row.self_reviews_accepted, row.members)}
              />
            </Flex>
          ))}
        </div>
      )}
    </Flex>
  );
}
