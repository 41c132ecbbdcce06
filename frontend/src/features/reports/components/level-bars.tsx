import { Empty, Flex, Typography } from "antd";
import type { OrgRow } from "@/features/reports/api/statistics";
import { memberLevels, permilleText } from "@/features/reports/components/levels";
import { useReportsT } from "@/features/reports/messages";
import { useLocale } from "@/lib/i18n/use-t";

const levelColors: Record<(typeof memberLevels)[number], string> = {
  excellent: "#389e0d",
  good: "#1677ff",
  completed: "#faad14",
  not_completed: "#cf1322",
};

/** Each branch's level distribution (M1) as a stacked bar of per-mille shares; plain CSS. */
export function LevelBars({ rows }: { rows: OrgRow[] }) {
  const rt = useReportsT();
  const { locale } = useLocale();
  const branches = rows.filter((row) => row.kind === "branch");
  if (branches.length === 0) return <Empty description={rt("reports.chart.empty")} />;
  return (
    <Flex vertical gap={8} data-testid="level-bars">
      <Flex gap={16} wrap>
        {memberLevels.map((level) => (
          <Flex key={level} gap={4} align="center">
            <span
              style={{ width: 12, height: 12, background: levelColors[level], display: "inline-block" }}
            />
            {rt(`reports.${level}`)}
          </Flex>
        ))}
      </Flex>
      {branches.map((row) => {
        const levels = memberLevels
          .map((level) => `${rt(`reports.${level}`)} ${permilleText(row[`${level}_permille`], locale)}`)
          .join(", ");
        return (
          <Flex key={row.organization_id} gap={8} align="center">
            <Typography.Text style={{ width: 220, flexShrink: 0 }} ellipsis={{ tooltip: row.name }}>
              {row.name}
            </Typography.Text>
            <div
              role="img"
              aria-label={rt("reports.chart.bar", { name: row.name, levels })}
              style={{
                display: "flex",
                flex: 1,
                height: 18,
                background: "#f0f0f0",
                borderRadius: 2,
                overflow: "hidden",
              }}
            >
              {memberLevels.map((level) => (
                <div
                  key={level}
                  title={`${rt(`reports.${level}`)}: ${row[level]}`}
                  style={{ width: `${row[`${level}_permille`] / 10}%`, background: levelColors[level] }}
                />
              ))}
            </div>
          </Flex>
        );
      })}
    </Flex>
  );
}
