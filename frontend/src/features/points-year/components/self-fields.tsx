import { Flex, Form, InputNumber, Typography } from "antd";
import { shortcomingFields, taskFields } from "@/features/points-year/form-values";
import { usePointsT, type PointsMessageKey } from "@/features/points-year/messages";

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
