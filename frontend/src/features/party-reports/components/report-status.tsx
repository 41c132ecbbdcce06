import { Flex, Tag, Typography } from "antd";
import type { PartyReport } from "@/features/party-reports/api/party-reports";
import { usePartyReportsT } from "@/features/party-reports/messages";
import { formatDay } from "@/lib/format";

/** Not written, a draft, or issued with its number and date. */
export function ReportStatus({ report }: { report: PartyReport | undefined }) {
  const pt = usePartyReportsT();
  if (report === undefined) return <Tag>{pt("partyReports.status.none")}</Tag>;
  if (report.status !== "approved") {
    return <Tag color="gold">{pt("partyReports.status.draft")}</Tag>;
  }
  return (
    <Flex gap={4} align="center" wrap>
      <Tag color="green">{pt("partyReports.status.approved")}</Tag>
      {report.number && (
        <Typography.Text strong>
          {pt("partyReports.issued", {
            number: report.number,
            date: formatDay(report.dated_on),
          })}
        </Typography.Text>
      )}
    </Flex>
  );
}
