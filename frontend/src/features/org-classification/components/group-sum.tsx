import { CheckCircleOutlined, CloseCircleOutlined } from "@ant-design/icons";
import { Tag } from "antd";
import { useOrgT } from "@/features/org-classification/messages";
import { pointsText } from "@/lib/classification/points";
import { useLocale } from "@/lib/i18n/use-t";

/** S2: what a group's items add up to (tenths), green when it is the group's maximum, else red. */
export function GroupSum({ sum, max }: { sum: number; max: number }) {
  const ot = useOrgT();
  const { locale } = useLocale();
  const balanced = sum === max;
  const values = { sum: pointsText(sum, locale), max: pointsText(max, locale) };
  return (
    <Tag
      data-testid="group-sum"
      data-balanced={balanced}
      color={balanced ? "success" : "error"}
      icon={balanced ? <CheckCircleOutlined /> : <CloseCircleOutlined />}
      style={{ whiteSpace: "normal" }}
    >
      {balanced ? ot("points.sum.ok", values) : ot("points.sum.bad", values)}
    </Tag>
  );
}
