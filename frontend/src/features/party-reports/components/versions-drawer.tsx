import { Alert, Drawer, Table, Typography } from "antd";
import {
  useReportVersions,
  type ReportKey,
  type ReportVersion,
} from "@/features/party-reports/api/party-reports";
import { usePartyReportsT } from "@/features/party-reports/messages";
import { formatDateTime } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage } from "@/lib/problems";

/** Every saved version of a report, newest first: who saved it and when; its text on expanding. */
export function VersionsDrawer({
  reportKey,
  title,
  onClose,
}: {
  reportKey: ReportKey;
  title: string;
  onClose: () => void;
}) {
  const t = useT();
  const pt = usePartyReportsT();
  const versions = useReportVersions(reportKey);
  return (
    <Drawer
      open
      size={720}
      title={pt("partyReports.versions.title", { title })}
      onClose={onClose}
      destroyOnHidden
    >
      {versions.isError && (
        <Alert type="error" showIcon title={errorMessage(versions.error, t)} />
      )}
      <Table<ReportVersion>
        data-testid="report-versions"
        rowKey="version"
        size="small"
        pagination={false}
        loading={versions.isFetching}
        dataSource={versions.data}
        locale={{ emptyText: pt("partyReports.versions.empty") }}
        expandable={{
          expandedRowRender: (version) => (
            <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>
              {version.body}
            </Typography.Paragraph>
          ),
        }}
        columns={[
          {
            title: pt("partyReports.versions.version"),
            dataIndex: "version",
            key: "version",
            align: "right",
          },
          { title: pt("partyReports.versions.titleColumn"), dataIndex: "title", key: "title" },
          { title: pt("partyReports.versions.savedBy"), dataIndex: "saved_by", key: "saved_by" },
          {
            title: pt("partyReports.versions.savedAt"),
            dataIndex: "saved_at",
            key: "saved_at",
            render: (value: string) => formatDateTime(value),
          },
        ]}
      />
    </Drawer>
  );
}
