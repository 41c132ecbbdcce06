import { CheckCircleOutlined, EditOutlined, EyeOutlined, HistoryOutlined } from "@ant-design/icons";
import { Button, Card, Flex, Tag, Typography } from "antd";
import { useState } from "react";
import { DownloadButton } from "@/components/ui/download-button";
import {
  downloadReport,
  type Figure,
  type PartyReport,
  type ReportKey,
} from "@/features/party-reports/api/party-reports";
import { ApprovalModal } from "@/features/party-reports/components/approval-modal";
import { ReportEditor } from "@/features/party-reports/components/report-editor";
import { ReportStatus } from "@/features/party-reports/components/report-status";
import { kindRules } from "@/features/party-reports/components/templates";
import { VersionsDrawer } from "@/features/party-reports/components/versions-drawer";
import { usePartyReportsT } from "@/features/party-reports/messages";
import { formatDateTime } from "@/lib/format";

type Props = {
  reportKey: ReportKey;
  report: PartyReport | undefined;
  figures: Figure[];
  /** The register's symbol ("BC/ĐU"). */
  symbol: string;
  organizationName: string;
  /** The body that issues this kind: the organisation's committee, or its inspection
   * commission for P3 (the API decides in the end: 403 otherwise). */
  writes: boolean;
};

/** One kind of report of the year: its status, and what may be done with it. */
export function ReportCard({
  reportKey,
  report,
  figures,
  symbol,
  organizationName,
  writes,
}: Props) {
  const pt = usePartyReportsT();
  const [editing, setEditing] = useState(false);
  const [versions, setVersions] = useState(false);
  const [approving, setApproving] = useState(false);
  const approved = report?.status === "approved";
  const readOnly = !writes || approved;
  const kindName = pt(`partyReports.kind.${reportKey.kind}`);
  const rule = kindRules[reportKey.kind];
  const editLabel = readOnly
    ? pt("partyReports.read")
    : pt(report === undefined ? "partyReports.compose" : "partyReports.edit");

  return (
    <Card
      data-testid={`report-${reportKey.kind}`}
      title={
        <Flex gap={8} align="center">
          <Tag>{report?.rule ?? rule}</Tag>
          {kindName}
        </Flex>
      }
      extra={
        report && (
          <Typography.Text>
            {pt("partyReports.version", { version: report.version })}
          </Typography.Text>
        )
      }
    >
      <Flex vertical gap={12}>
        <Flex gap={8} align="center" wrap data-testid={`report-status-${reportKey.kind}`}>
          <ReportStatus report={report} />
        </Flex>
        {report && (
          <Typography.Text type="secondary">
            {approved && report.approved_at
              ? pt("partyReports.approvedBy", {
                  at: formatDateTime(report.approved_at),
                  by: report.approved_by ?? "",
                })
              : pt("partyReports.updated", {
                  at: formatDateTime(report.updated_at),
                  by: report.updated_by,
                })}
          </Typography.Text>
        )}
        <Flex gap={8} wrap>
          {(report !== undefined || writes) && (
            <Button
              icon={readOnly ? <EyeOutlined /> : <EditOutlined />}
              onClick={() => setEditing((open) => !open)}
            >
              {editing ? pt("partyReports.closeEditor") : editLabel}
            </Button>
          )}
          {report && (
            <>
              <DownloadButton
                label={pt("partyReports.print")}
                download={() => downloadReport(reportKey, "pdf")}
              />
              <DownloadButton
                label={pt("partyReports.docx")}
                download={() => downloadReport(reportKey, "docx")}
              />
              <Button icon={<HistoryOutlined />} onClick={() => setVersions(true)}>
                {pt("partyReports.versions")}
              </Button>
            </>
          )}
          {report && !readOnly && (
            <Button
              type="primary"
              icon={<CheckCircleOutlined />}
              onClick={() => setApproving(true)}
            >
              {pt("partyReports.approve")}
            </Button>
          )}
        </Flex>
        {editing && (
          <ReportEditor
            // The first save and the approval start the form over; a later save keeps the text.
            key={report?.status ?? "none"}
            reportKey={reportKey}
            report={report}
            figures={figures}
            organizationName={organizationName}
            readOnly={readOnly}
          />
        )}
      </Flex>
      {versions && report && (
        <VersionsDrawer
          reportKey={reportKey}
          title={report.title}
          onClose={() => setVersions(false)}
        />
      )}
      {approving && report && (
        <ApprovalModal
          reportKey={reportKey}
          report={report}
          symbol={symbol}
          onClose={() => setApproving(false)}
        />
      )}
    </Card>
  );
}
