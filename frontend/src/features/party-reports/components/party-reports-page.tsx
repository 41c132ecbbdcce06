import { Alert, Col, Empty, Flex, Form, InputNumber, Row, Spin, Typography } from "antd";
import { useMemo } from "react";
import { useSearchParams } from "react-router";
import { ApiError } from "@/api/problem";
import { OrgSelect } from "@/components/org-select";
import {
  reportKinds,
  useYearReports,
  type YearKey,
} from "@/features/party-reports/api/party-reports";
import { ReportCard } from "@/features/party-reports/components/report-card";
import { usePartyReportsT } from "@/features/party-reports/messages";
import { committeeOrgIds, inspectionOrgIds, isAdmin } from "@/lib/auth/permissions";
import type { Me } from "@/lib/auth/use-session";
import { todayInVietnam } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { flattenTree, useOrgTree, type Organization } from "@/lib/org-tree";
import { errorMessage } from "@/lib/problems";

// The organisations whose committee writes yearly reports (a cell has none of its own).
const reportingKinds = ["province", "district", "base"];
const withReports = (org: Organization) => reportingKinds.includes(org.kind);

function positive(value: string | null): number | undefined {
  const number = Number(value);
  return value !== null && Number.isInteger(number) && number > 0 ? number : undefined;
}

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
  const ownOrg = useMemo(() => {
    const own = [...committeeOrgIds(me), ...me.roles.map((role) => role.organization_id)];
    return (
      own.find((id) => organizations.some((org) => org.id === id)) ?? organizations.at(0)?.id
    );
  }, [me, organizations]);
  const [params, setParams] = useSearchParams();
  const orgId = positive(params.get("org")) ?? ownOrg;
  const year = positive(params.get("year")) ?? todayInVietnam().year();
  const choose = (changes: { org?: number; year?: number }) => {
    const next = { org: orgId, year, ...changes };
    setParams(
      Object.fromEntries(
        Object.entries(next).flatMap(([key, value]) =>
          value === undefined ? [] : [[key, String(value)]],
        ),
      ),
      { replace: true },
    );
  };
  const organization = organizations.find((org) => org.id === orgId);

  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {pt("partyReports.intro")}
      </Typography.Paragraph>
      <Form layout="inline">
        <Form.Item label={pt("partyReports.organization")}>
          <OrgSelect
            aria-label={pt("partyReports.organization")}
            value={orgId}
            onChange={(org) => choose({ org })}
            offered={withReports}
          />
        </Form.Item>
        <Form.Item label={pt("partyReports.year")}>
          <InputNumber
            aria-label={pt("partyReports.year")}
            min={1990}
            max={2100}
            precision={0}
            value={year}
            onChange={(value) => value !== null && choose({ year: value })}
          />
        </Form.Item>
      </Form>
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
