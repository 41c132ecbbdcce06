import { Flex, Form, InputNumber, Table, Typography } from "antd";
import type { components } from "@/api/schema";
import type { TypedPoints } from "@/features/points-year/form-values";
import { usePointsT } from "@/features/points-year/messages";
import { decimalSeparator, pointsText, toPoints, toTenths } from "@/lib/classification/points";
import { useLocale } from "@/lib/i18n/use-t";

type FrameInfo = components["schemas"]["FrameInfo"];
type ItemInfo = components["schemas"]["ItemInfo"];

/** Another column of points beside the input (tenths per item), e.g. the member's own. */
export type Comparison = { title: string; points: Record<string, number> | null | undefined };

type Props = {
  frame: FrameInfo;
  /** The form field holding the points: `self_points` or `appraised_points`. */
  name: string;
  /** The heading of the inputs' column ("Tự chấm", "Thẩm định"). */
  inputTitle: string;
  inputLabel?: (item: ItemInfo) => string;
  compare?: Comparison[];
};

/** The typed points of `items` in tenths, an empty item counting 0. */
function sumOf(items: readonly ItemInfo[], typed: TypedPoints | undefined): number {
  return items.reduce((sum, item) => {
    const value = typed?.[item.code];
    return sum + (typeof value === "number" ? toTenths(value) : 0);
  }, 0);
}

/**
 * S2: a frame's groups, an input per item within its maximum (points with a decimal), each
 * group's live sum ("Tiêu chí chung 27,5/30") and the total of 100.
 */
export function PointsItems({ frame, name, inputTitle, inputLabel, compare = [] }: Props) {
  const pt = usePointsT();
  const { locale } = useLocale();
  const typed = Form.useWatch<TypedPoints | undefined>(name, { preserve: true });
  const text = (tenths: number) => pointsText(tenths, locale);
  const total = frame.groups.reduce((sum, group) => sum + sumOf(group.items, typed), 0);
  const max = frame.groups.reduce((sum, group) => sum + group.max, 0);

  return (
    <Flex vertical gap={16}>
      {frame.groups.map((group) => (
        <Table<ItemInfo>
          key={group.code}
          data-testid={`points-group-${group.code}`}
          size="small"
          rowKey="code"
          pagination={false}
          dataSource={group.items}
          title={() => <Typography.Text strong>{group.label}</Typography.Text>}
          columns={[
            { title: pt("items.criterion"), dataIndex: "label", key: "label" },
            {
              title: pt("items.max"),
              key: "max",
              width: 80,
              align: "right",
              render: (_, item) => text(item.max),
            },
            {
              title: inputTitle,
              key: "points",
              width: 150,
              render: (_, item) => (
                <Form.Item name={[name, item.code]} style={{ marginBottom: 0 }}>
                  <InputNumber
                    aria-label={inputLabel ? inputLabel(item) : item.label}
                    min={0}
                    max={toPoints(item.max)}
                    step={0.5}
                    decimalSeparator={decimalSeparator(locale)}
                    suffix={`/${text(item.max)}`}
                    style={{ width: "100%" }}
                  />
                </Form.Item>
              ),
            },
            ...compare.map((comparison) => ({
              title: comparison.title,
              key: `compare-${comparison.title}`,
              width: 100,
              align: "right" as const,
              render: (_: unknown, item: ItemInfo) => {
                const value = comparison.points?.[item.code];
                return value === undefined ? "" : text(value);
              },
            })),
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={3 + compare.length} align="right">
                <Typography.Text strong data-testid={`sum-${group.code}`}>
                  {pt("sum.group", {
                    label: group.label,
                    sum: text(sumOf(group.items, typed)),
                    max: text(group.max),
                  })}
                </Typography.Text>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      ))}
      <Typography.Title level={5} data-testid="sum-total" style={{ margin: 0 }}>
        {pt("sum.total", { sum: text(total), max: text(max) })}
      </Typography.Title>
    </Flex>
  );
}
