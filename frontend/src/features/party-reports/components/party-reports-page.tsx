import { Alert, Col, Empty, Flex, Row, Spin, Typography } from "antd";
import { useMemo } from "react";
import { ApiError } from "@/api/problem";
import { OrgYearForm } from "@/components/org-year-form";
import {
  reportKinds,
  useYearReports,
  type YearKey,
} from "@/features/party-reports/api/party-reports";
import { ReportCard } from "@/features/party-reports/components/report-card";
import { usePartyReportsT } from "@/features/party-reports/messages";
import { committeeOrgIds, inspectionOrgIds, isAdmin } from "@/lib/auth/permissions";
import type { Me } from "@/lib/auth/use-session";
import { useT } from "@/lib/i18n/use-t";
import { flattenTree, useOrgTree, type Organization } from "@/lib/org-tree";
import { useOrgYearParams, useOwnOrg } from "@/lib/org-year";
import { errorMessage } from "@/lib/problems";

// The organisations whose committee writes yearly reports (a cell has none of its own).
const reportingKinds = ["province", "district", "base"];
const withReports = (org: Organization) => reportingKinds.includes(org.kind);

/**
 * The committee's yearly reports (D1, D4) of an organisation: by default the user's own, this
 * year. The organisation and the year live in the address.
 */
export function PartyReportsPage({ me }: { me: Me }) {
  const pt = usePartyReportsT();
  const tree = useOrgTree();
  const organizations = useMemo(
    () => flattenTree(tree.data ?? []).filter(withReports),
    [tree.data],
  );
  // The user's own organisation first (their committee's, else any role's), else the first one.
  const ownOrg = useOwnOrg(me, organizations, withReports);
  const { orgId, year, choose } = useOrgYearParams(ownOrg);
  const organization = organizations.find((org) => org.id === orgId);

  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {pt("partyReports.intro")}
      </Typography.Paragraph>
      <OrgYearForm
        orgLabel={pt("partyReports.organization")}
        yearLabel={pt("partyReports.year")}
        orgId={orgId}
        year={year}
        offered={withReports}
        onChange={choose}
      />
      {orgId === undefined ? (
        tree.isPending ? (
          <Spin />
        ) : (
          <Empty description={pt("partyReports.noOrganization")} />
        )
      ) : (
        <YearReportCards
          // Another organisation or year, other reports: no editor state is kept.
          key={`${orgId}-${year}`}
          yearKey={{ org: orgId, year }}
          organizationName={organization?.name ?? ""}
          writes={isAdmin(me) || committeeOrgIds(me).includes(orgId)}
          inspects={isAdmin(me) || inspectionOrgIds(me).includes(orgId)}
        />
      )}
    </Flex>
  );
}

function YearReportCards({
  yearKey,
  organizationName,
  writes,
  inspects,
}: {
  yearKey: YearKey;
  organizationName: string;
  /** The organisation's committee: its D1 and D4. */
  writes: boolean;
  /** Its inspection commission: the P3 report. */
  inspects: boolean;
}) {
  const t = useT();
  const pt = usePartyReportsT();
  const reports = useYearReports(yearKey);
  if (reports.isPending) return <Spin />;
  if (reports.isError) {
    const forbidden = reports.error instanceof ApiError && reports.error.status === 403;
    return (
      <Alert
        type={forbidden ? "warning" : "error"}
        showIcon
        title={forbidden ? pt("partyReports.forbidden") : errorMessage(reports.error, t)}
        data-testid="party-reports-error"
      />
    );
  }
  const { figures, symbol } = reports.data;
  return (
    <Row gutter={[16, 16]}>
      {reportKinds.map((kind) => (
        <Col key={kind} span={24}>
          <ReportCard
            reportKey={{ ...yearKey, kind }}
            report={reports.data.reports.find((report) => report.kind === kind)}
            figures={figures}
            symbol={symbol}
            organizationName={organizationName}
            writes={kind === "inspection_summary" ? inspects : writes}
          />
        </Col>
      ))}
    </Row>
  );
}
