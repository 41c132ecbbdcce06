import { Flex, Form, Input, InputNumber, Select, Typography } from "antd";
import type { components } from "@/api/schema";
import { PointsItems } from "@/features/points-year/components/points-items";
import {
  proposedLevels,
  shortcomingFields,
  taskFields,
} from "@/features/points-year/form-values";
import { usePointsT, type PointsMessageKey } from "@/features/points-year/messages";
import { classificationLevelText } from "@/lib/domain/labels";
import { useT } from "@/lib/i18n/use-t";

type FrameInfo = components["schemas"]["FrameInfo"];

function CountField({ name, label }: { name: [string, string]; label: string }) {
  return (
    <Form.Item name={name} label={label} style={{ minWidth: 180, marginBottom: 8 }}>
      <InputNumber aria-label={label} min={0} max={100000} precision={0} style={{ width: 140 }} />
    </Form.Item>
  );
}

/** S4: the tasks of the year (given, done, on time, beyond the requirement). */
export function TasksFields() {
  const pt = usePointsT();
  return (
    <Flex vertical>
      <Typography.Text strong>{pt("tasks.title")}</Typography.Text>
      <Flex gap={16} wrap>
        {taskFields.map((field) => (
          <CountField
            key={field}
            name={["tasks", field]}
            label={pt(`tasks.${field}` as PointsMessageKey)}
          />
        ))}
      </Flex>
    </Flex>
  );
}

/** S5 (excellent): the shortcomings named at the previous review, and those remedied. */
export function ShortcomingsFields() {
  const pt = usePointsT();
  return (
    <Flex vertical>
      <Typography.Text strong>{pt("shortcomings.title")}</Typography.Text>
      <Flex gap={16} wrap>
        {shortcomingFields.map((field) => (
          <CountField
            key={field}
            name={["shortcomings", field]}
            label={pt(`shortcomings.${field}` as PointsMessageKey)}
          />
        ))}
      </Flex>
    </Flex>
  );
}

type SelfPartProps = {
  frame: FrameInfo;
  /** The appraising body's points beside the own ones, once appraised. */
  appraisedPoints?: Record<string, number> | null;
  /** The own words: a member's self-assessment, a collective's report. */
  narrativeLabel: string;
  narrativeMax: number;
};

/**
 * The own part of a points form (S2, S4, S5; C1): the frame's items, the tasks, the
 * shortcomings, the own words and the level proposed.
 */
export function SelfPartFields({
  frame,
  appraisedPoints,
  narrativeLabel,
  narrativeMax,
}: SelfPartProps) {
  const t = useT();
  const pt = usePointsT();
  return (
    <>
      <PointsItems
        frame={frame}
        name="self_points"
        inputTitle={pt("items.self")}
        compare={
          appraisedPoints ? [{ title: pt("items.appraised"), points: appraisedPoints }] : []
        }
      />
      <Flex vertical gap={8} style={{ marginTop: 16 }}>
        <TasksFields />
        <ShortcomingsFields />
      </Flex>
      <Form.Item name="narrative" label={narrativeLabel}>
        <Input.TextArea autoSize={{ minRows: 4 }} maxLength={narrativeMax} />
      </Form.Item>
      <Form.Item name="proposed_level" label={pt("proposed")}>
        <Select
          allowClear
          style={{ maxWidth: 360 }}
          options={proposedLevels.map((level) => ({
            value: level,
            label: classificationLevelText(t, level),
          }))}
        />
      </Form.Item>
    </>
  );
}
