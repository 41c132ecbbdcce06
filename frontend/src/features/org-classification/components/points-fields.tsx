import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { Badge, Button, Flex, Form, Input, InputNumber, Tabs, Typography } from "antd";
import { memo } from "react";
import { GroupSum } from "@/features/org-classification/components/group-sum";
import {
  groupValuesSum,
  newItemCode,
  type FrameValues,
  type GroupValues,
} from "@/features/org-classification/components/points-form-values";
import { useOrgT, type OrgMessageKey } from "@/features/org-classification/messages";
import {
  decimalSeparator,
  itemsSum,
  pointsText,
  toPoints,
  type FrameInfo,
  type GroupInfo,
  type PointsInfo,
} from "@/lib/classification/points";
import { useLocale, useT } from "@/lib/i18n/use-t";

const bands = [
  ["band_excellent", "ruleSets.form.bandExcellent"],
  ["band_good", "ruleSets.form.bandGood"],
  ["band_completed", "ruleSets.form.bandCompleted"],
] as const satisfies readonly (readonly [string, OrgMessageKey])[];
const percents = [
  ["quota_percent", "ruleSets.form.pointsQuotaPercent"],
  ["quota_outstanding_percent", "ruleSets.form.pointsOutstandingPercent"],
] as const satisfies readonly (readonly [string, OrgMessageKey])[];

type GroupProps = { frameIndex: number; groupIndex: number; frame: string; group: GroupInfo };

/** A group's items, each renamed, re-weighted or removed, more added, under their live sum. */
function GroupFields({ frameIndex, groupIndex, frame, group }: GroupProps) {
  const t = useT();
  const ot = useOrgT();
  const { locale } = useLocale();
  // Each group reads its own items: typing in one does not redraw the others.
  const typed = Form.useWatch<GroupValues | undefined>(
    ["scoring", "frames", frameIndex, "groups", groupIndex],
    { preserve: true },
  );
  const required = { required: true, message: t("validation.required") };
  const items = typed?.items ?? group.items;
  const sum = typed ? groupValuesSum(typed) : itemsSum(group.items);

  return (
    <Flex vertical gap={4} data-testid={`points-group-${frame}-${group.code}`}>
      <Typography.Text strong>
        {ot("points.group.title", { label: group.label, max: pointsText(group.max, locale) })}
      </Typography.Text>
      <Form.List name={["scoring", "frames", frameIndex, "groups", groupIndex, "items"]}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, at) => (
              <Flex key={field.key} gap={8} align="start">
                <Form.Item
                  name={[field.name, "label"]}
                  rules={[{ ...required, whitespace: true }]}
                  style={{ flex: 1, marginBottom: 8 }}
                >
                  <Input aria-label={ot("ruleSets.form.itemLabel", { n: at + 1 })} />
                </Form.Item>
                <Form.Item name={[field.name, "max"]} rules={[required]} style={{ marginBottom: 8 }}>
                  <InputNumber
                    aria-label={ot("ruleSets.form.itemMax", { n: at + 1 })}
                    min={0.1}
                    max={toPoints(group.max)}
                    decimalSeparator={decimalSeparator(locale)}
                    style={{ width: 100 }}
                  />
                </Form.Item>
                <Button
                  type="text"
                  danger
                  icon={<MinusCircleOutlined />}
                  aria-label={ot("ruleSets.form.itemRemove", { n: at + 1 })}
                  disabled={fields.length <= 1}
                  onClick={() => remove(field.name)}
                />
              </Flex>
            ))}
            <Flex justify="space-between" align="center" gap={8} wrap>
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ code: newItemCode(items), label: "", max: null })}
              >
                {ot("ruleSets.form.itemAdd")}
              </Button>
              <GroupSum sum={sum} max={group.max} />
            </Flex>
          </>
        )}
      </Form.List>
    </Flex>
  );
}

/** A frame's tab: "F4 · Mẫu 2B", with a red dot while one of its groups does not add up. */
function FrameLabel({ frame, frameIndex }: { frame: FrameInfo; frameIndex: number }) {
  const typed = Form.useWatch<FrameValues | undefined>(["scoring", "frames", frameIndex], {
    preserve: true,
  });
  const unbalanced =
    typed !== undefined &&
    frame.groups.some((group, at) => groupValuesSum(typed.groups[at]) !== group.max);
  return (
    <Badge dot={unbalanced} offset={[4, 0]}>
      {`${frame.frame} · ${frame.form}`}
    </Badge>
  );
}

/**
 * The points section of a copy (RULES-2025.md S2, S5, S7): each frame's items in a tab (a dot
 * on a frame whose groups do not add up), then the bands and the quota, all in points. The
 * frames and groups are those of `base`; only their items change.
 */
export const PointsFields = memo(function PointsFields({ base }: { base: PointsInfo }) {
  const t = useT();
  const ot = useOrgT();
  const { locale } = useLocale();
  const required = { required: true, message: t("validation.required") };

  return (
    <>
      <Tabs
        size="small"
        items={base.frames.map((frame, frameIndex) => ({
          key: frame.frame,
          // A frame not opened keeps the copied items in the form's values, as they are.
          label: <FrameLabel frame={frame} frameIndex={frameIndex} />,
          children: (
            <Flex vertical gap={12}>
              <Typography.Text type="secondary">{frame.who}</Typography.Text>
              {frame.groups.map((group, groupIndex) => (
                <GroupFields
                  key={group.code}
                  frameIndex={frameIndex}
                  groupIndex={groupIndex}
                  frame={frame.frame}
                  group={group}
                />
              ))}
            </Flex>
          ),
        }))}
      />
      <Typography.Title level={5}>{ot("ruleSets.form.bands")}</Typography.Title>
      <Flex gap={8} wrap>
        {bands.map(([field, label]) => (
          <Form.Item key={field} name={["scoring", field]} label={ot(label)} rules={[required]}>
            <InputNumber
              aria-label={ot(label)}
              min={0}
              max={100}
              decimalSeparator={decimalSeparator(locale)}
            />
          </Form.Item>
        ))}
      </Flex>
      <Flex gap={8} wrap>
        {percents.map(([field, label]) => (
          <Form.Item key={field} name={["scoring", field]} label={ot(label)} rules={[required]}>
            <InputNumber aria-label={ot(label)} min={0} max={100} precision={0} />
          </Form.Item>
        ))}
      </Flex>
    </>
  );
});
