import { Empty, Flex, Tooltip, Typography } from "antd";
import type { ReactNode } from "react";
import type { MemberCounts, OrgRow } from "@/features/reports/api/statistics";
import { levelColors, memberLevels, permilleText } from "@/features/reports/components/levels";
import { useReportsT } from "@/features/reports/messages";
import { useLocale } from "@/lib/i18n/use-t";

/** Which colour is which level, for every chart of the reports. */
export function LevelLegend() {
  const rt = useReportsT();
  return (
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
  );
}

type LevelBarProps = {
  counts: MemberCounts;
  /** What a screen reader says of the bar. */
  label: string;
  height?: number;
  /** Shown on hover over the whole bar; without it, each segment has its count as a title. */
  tooltip?: ReactNode;
};

/** One level distribution (M1) as a 100% stacked bar of per-mille shares; plain CSS. */
export function LevelBar({ counts, label, height = 18, tooltip }: LevelBarProps) {
  const rt = useReportsT();
  const bar = (
    <div
      role="img"
      aria-label={label}
      style={{
        display: "flex",
        flex: 1,
        minWidth: 0,
        height,
        background: "#f0f0f0",
        borderRadius: 2,
        overflow: "hidden",
      }}
    >
      {memberLevels.map((level) => (
        <div
          key={level}
          title={tooltip === undefined ? `${rt(`reports.${level}`)}: ${counts[level]}` : undefined}
          style={{ width: `${counts[`${level}_permille`] / 10}%`, background: levelColors[level] }}
        />
      ))}
    </div>
  );
  return tooltip === undefined ? bar : <Tooltip title={tooltip}>{bar}</Tooltip>;
}

/** Each branch's level distribution (M1) as a stacked bar of per-mille shares. */
export function LevelBars({ rows }: { rows: OrgRow[] }) {
  const rt = useReportsT();
  const { locale } = useLocale();
  const branches = rows.filter((row) => row.kind === "branch");
  if (branches.length === 0) return <Empty description={rt("reports.chart.empty")} />;
  return (
    <Flex vertical gap={8} data-testid="level-bars">
      <LevelLegend />
      {branches.map((row) => {
        const levels = memberLevels
          .map((level) => `${rt(`reports.${level}`)} ${permilleText(row[`${level}_permille`], locale)}`)
          .join(", ");
        return (
          <Flex key={row.organization_id} gap={8} align="center">
            <Typography.Text style={{ width: 220, flexShrink: 0 }} ellipsis={{ tooltip: row.name }}>
              {row.name}
            </Typography.Text>
            <LevelBar counts={row} label={rt("reports.chart.bar", { name: row.name, levels })} />
          </Flex>
        );
      })}
    </Flex>
  );
}
