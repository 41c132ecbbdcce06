import { Typography } from "antd";
import { FeedbackInboxPage } from "@/features/cycles/components/feedback-inbox-page";
import { useT } from "@/lib/i18n/use-t";

export function FeedbackRoute() {
  const t = useT();
  return (
    <>
      <Typography.Title level={2}>{t("menu.feedback")}</Typography.Title>
      <FeedbackInboxPage />
    </>
  );
}
