import { Steps, Typography } from "antd";
import { useT } from "@/lib/i18n/use-t";

const cycleSteps = [
  "selfReview",
  "feedback",
  "ballot",
  "classification",
  "appraisal",
  "rewards",
  "reports",
] as const;

export function HomeRoute() {
  const t = useT();
  return (
    <>
      <Typography.Title level={2}>{t("home.title")}</Typography.Title>
      <Typography.Paragraph style={{ maxWidth: 760 }}>{t("home.intro")}</Typography.Paragraph>
      <Typography.Title level={3}>{t("home.cycle")}</Typography.Title>
      <Steps
        orientation="vertical"
        // A description of the cycle, not a progress bar: no step is current.
        current={-1}
        items={cycleSteps.map((step) => ({
          title: <Typography.Text strong>{t(`home.step.${step}`)}</Typography.Text>,
          content: t(`home.step.${step}.desc`),
          status: "wait",
        }))}
        style={{ maxWidth: 760 }}
      />
    </>
  );
}
