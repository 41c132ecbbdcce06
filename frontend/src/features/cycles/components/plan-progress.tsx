import { Empty, Flex, Table, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { lazy, Suspense, useState } from "react";
import type { Phase, Progress } from "@/features/cycles/api/cycles";
import {
  planProgressRows,
  planRowText,
  planStatusText,
  type PlanRow,
  type PlanStatus,
} from "@/features/cycles/components/plan-progress-rows";
import { useCyclesT } from "@/features/cycles/messages";

// The chart (recharts) is loaded apart: the home page shows the plan, and its first load stays
// small. Until it comes, the table below has the same figures.
const PlanProgressChart = lazy(async () => ({
  default: (await import("@/features/cycles/components/plan-progress-chart")).PlanProgressChart,
}));

const statusTags: Record<PlanStatus, string> = {
  done: "success",
  on_track: "processing",
  overdue: "error",
};

/**
 * How far each work of the plan is, against its phase's deadline: a bar chart, its figures on
 * hover, and a table of the same figures for screen readers and small screens.
 */
export function PlanProgress({ progress, phases }: { progress: Progress; phases: Phase[] }) {
  const ct = useCyclesT();
  // The day the page was opened: a deadline passing while it stays open shows on refresh.
  const [today] = useState(() => new Date());
  const rows = planProgressRows(progress, phases, today);
  const height = 48 + rows.length * 36;

  const columns: ColumnsType<PlanRow> = [
    {
      title: ct("planProgress.column.work"),
      key: "work",
      render: (_, row) => ct(`planProgress.work.${row.work}`),
    },
    {
      title: ct("planProgress.column.progress"),
      key: "progress",
      render: (_, row) => (
        <Flex vertical>
          <span>
            {row.done}/{row.whole} ({row.percent}%)
          </span>
          {row.accepted !== null && (
            <Typography.Text type="secondary">
              {ct("planProgress.accepted", { accepted: row.accepted })}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: ct("planProgress.column.deadline"),
      key: "deadline",
      render: (_, row) => ct("planProgress.deadline", { date: row.deadline }),
    },
    {
      title: ct("planProgress.column.status"),
      key: "status",
      render: (_, row) => <Tag color={statusTags[row.status]}>{planStatusText(ct, row)}</Tag>,
    },
  ];

  return (
    <Flex vertical gap={8} data-testid="plan-progress" style={{ minWidth: 0 }}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {ct("planProgress.title")}
      </Typography.Title>
      {rows.length === 0 ? (
        <Empty description={ct("planProgress.empty")} />
      ) : (
        <>
          <div
            role="img"
            aria-label={ct("planProgress.chart", {
              bars: rows.map((row) => planRowText(ct, row)).join("; "),
            })}
            data-testid="plan-progress-chart"
            style={{ width: "100%", height }}
          >
            <Suspense fallback={null}>
              <PlanProgressChart rows={rows} height={height} />
            </Suspense>
          </div>
          <Table<PlanRow>
            data-testid="plan-progress-table"
            size="small"
            pagination={false}
            scroll={{ x: true }}
            rowKey="work"
            dataSource={rows}
            columns={columns}
          />
        </>
      )}
    </Flex>
  );
}
