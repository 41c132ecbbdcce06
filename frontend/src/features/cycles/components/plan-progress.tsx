import { Empty, Flex, Tag, Typography } from "antd";
import { useState } from "react";
import type { Phase, Progress } from "@/features/cycles/api/cycles";
import {
  planProgressRows,
  type PlanRow,
  type PlanStatus,
} from "@/features/cycles/components/plan-progress-rows";
import { useCyclesT, type CyclesTranslate } from "@/features/cycles/messages";

// The hues of the reports' level bars: green done, blue under way, red failing.
const statusColors: Record<PlanStatus, string> = {
  done: "#389e0d",
  on_track: "#1677ff",
  overdue: "#cf1322",
};

const statusTags: Record<PlanStatus, string> = {
  done: "success",
  on_track: "processing",
  overdue: "error",
};

function statusText(ct: CyclesTranslate, row: PlanRow): string {
  return ct(`planProgress.status.${row.status}`, { missing: row.missing });
}

/** How far each work of the plan is, against its phase's deadline; plain CSS bars. */
export function PlanProgress({ progress, phases }: { progress: Progress; phases: Phase[] }) {
  const ct = useCyclesT();
  // The day the page was opened: a deadline passing while it stays open shows on refresh.
  const [today] = useState(() => new Date());
  const rows = planProgressRows(progress, phases, today);

  return (
    <Flex vertical gap={8} data-testid="plan-progress">
      <Typography.Title level={5} style={{ margin: 0 }}>
        {ct("planProgress.title")}
      </Typography.Title>
      {rows.length === 0 ? (
        <Empty description={ct("planProgress.empty")} />
      ) : (
        rows.map((row) => {
          const work = ct(`planProgress.work.${row.work}`);
          return (
            <Flex key={row.work} gap={12} align="center" wrap>
              <Typography.Text style={{ width: 260, flexShrink: 0 }}>{work}</Typography.Text>
              <div
                role="img"
                aria-label={ct("planProgress.bar", {
                  work,
                  done: row.done,
                  whole: row.whole,
                  percent: row.percent,
                  date: row.deadline,
                  status: statusText(ct, row),
                })}
                style={{
                  flex: 1,
                  minWidth: 160,
                  height: 18,
                  background: "#f0f0f0",
                  borderRadius: 2,
                  overflow: "hidden",
                }}
              >
                <div
                  style={{
                    width: `${row.percent}%`,
                    height: "100%",
                    background: statusColors[row.status],
                  }}
                />
              </div>
              <Typography.Text style={{ width: 110 }}>
                {row.done}/{row.whole} ({row.percent}%)
              </Typography.Text>
              <Typography.Text type="secondary" style={{ width: 120 }}>
                {ct("planProgress.deadline", { date: row.deadline })}
              </Typography.Text>
              <Tag color={statusTags[row.status]}>{statusText(ct, row)}</Tag>
              {row.accepted !== null && (
                <Typography.Text type="secondary">
                  {ct("planProgress.accepted", { accepted: row.accepted })}
                </Typography.Text>
              )}
            </Flex>
          );
        })
      )}
    </Flex>
  );
}
