import { Alert, Button, Flex, Typography } from "antd";
import type { BoardRow, GroupOverLimit } from "@/features/points-year/api/points";
import { mayRerate } from "@/features/points-year/labels";
import { usePointsT } from "@/features/points-year/messages";
import { pointsText } from "@/lib/classification/points";
import { useLocale } from "@/lib/i18n/use-t";

type Props = {
  overLimit: readonly GroupOverLimit[];
  rows: readonly BoardRow[];
  /** Opens the re-rating (Mẫu 03) of a decided member. */
  onRerate: (row: BoardRow) => void;
};

/**
 * S7 after the decision: each group whose standing excellent results exceed its limit (a
 * re-rating lowered G), with who to re-rate first (the lowest total: re-rated with the same
 * points, they fall to good) and the others in order.
 */
export function OverLimitAlerts({ overLimit, rows, onRerate }: Props) {
  if (overLimit.length === 0) return null;
  return (
    <Flex vertical gap={8} data-testid="over-limit">
      {overLimit.map((group) => (
        <OverLimitAlert key={group.group} group={group} rows={rows} onRerate={onRerate} />
      ))}
    </Flex>
  );
}

function OverLimitAlert({
  group,
  rows,
  onRerate,
}: {
  group: GroupOverLimit;
  rows: readonly BoardRow[];
  onRerate: (row: BoardRow) => void;
}) {
  const pt = usePointsT();
  const { locale } = useLocale();
  const members = group.member_ids.map((id) => ({
    id,
    row: rows.find((row) => row.member_id === id),
  }));
  const nameOf = ({ id, row }: (typeof members)[number]) =>
    row?.member_name ?? pt("overLimit.unknown", { id });
  const first = members.at(0);
  const firstRow = first?.row;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid={`over-limit-${group.group}`}
      title={pt("overLimit.title", {
        group: group.group,
        excellent: group.excellent,
        limit: group.limit,
      })}
      description={
        first && (
          <Flex vertical gap={4}>
            <Typography.Text>{pt("overLimit.first", { name: nameOf(first) })}</Typography.Text>
            <Typography.Text type="secondary">{pt("overLimit.hint")}</Typography.Text>
            {members.length > 1 && (
              <Typography.Text type="secondary">
                {pt("overLimit.order", {
                  names: members
                    .map((member) =>
                      member.row
                        ? `${nameOf(member)} (${pointsText(member.row.total, locale)})`
                        : nameOf(member),
                    )
                    .join(", "),
                })}
              </Typography.Text>
            )}
          </Flex>
        )
      }
      action={
        firstRow &&
        mayRerate(firstRow) && (
          <Button size="small" onClick={() => onRerate(firstRow)}>
            {pt("overLimit.rerate", { name: firstRow.member_name })}
          </Button>
        )
      }
    />
  );
}
