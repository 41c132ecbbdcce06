import { Typography } from "antd";
import { ReportsPage } from "@/features/reports/components/reports-page";
import { useReportsT } from "@/features/reports/messages";

export function ReportsRoute() {
  const rt = useReportsT();
  return (
    <>
      <Typography.Title level={2}>{rt("reports.title")}</Typography.Title>
      <ReportsPage />
    </>
  );
}
