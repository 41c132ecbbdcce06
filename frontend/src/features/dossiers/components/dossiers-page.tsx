import { Alert, Empty, Flex, Segmented, Spin, Statistic, Table, Typography } from "antd";
import { Link, useNavigate, useSearchParams } from "react-router";
import {
  dossierKindOf,
  useDossiers,
  type DossierKind,
  type DossierStatus,
  type Scope,
} from "@/features/dossiers/api/dossiers";
import { DossierTags } from "@/features/dossiers/components/dossier-tags";
import { dossierPath } from "@/features/dossiers/components/labels";
import { useDossiersT } from "@/features/dossiers/messages";
import { OrgYearForm } from "@/components/org-year-form";
import { formatDateTime, formatDay } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { useFirstOrg, type Organization } from "@/lib/org-tree";
import { useOrgYearParams } from "@/lib/org-year";
import { errorMessage } from "@/lib/problems";

const dossierKinds = ["province", "district", "base"];
const withDossiers = (org: Organization) => dossierKinds.includes(org.kind);

/**
 * The yearly dossiers of the bases under an organisation (a district's committee sees all its
 * bases), or their leaders' dossiers to the province (plan II.5): how many are accepted, late or
 * overdue, and each base's status. The organisation, the year and the kind (`?kind=leaders`) live
 * in the address, so that coming back from a dossier keeps them.
 */
export function DossiersPage() {
  const dt = useDossiersT();
  const firstOrg = useFirstOrg(withDossiers);
  // Without a year in the address, the year of the organisation's latest cycle.
  const { orgId, year, yearPending, choose } = useOrgYearParams(firstOrg, { byCycle: true });
  const [params, setParams] = useSearchParams();
  // In the address alone: choosing another organisation or year keeps it (lib/org-year).
  const kind = dossierKindOf(params.get("kind"));
  const chooseKind = (next: DossierKind) => {
    const changed = new URLSearchParams(params);
    if (next === "leaders") changed.set("kind", next);
    else changed.delete("kind");
    setParams(changed, { replace: true });
  };

  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {dt("dossiers.intro")}
      </Typography.Paragraph>
      <OrgYearForm
        orgLabel={dt("dossiers.organization")}
        yearLabel={dt("dossiers.year")}
        orgId={orgId}
        year={year}
        offered={withDossiers}
        onChange={choose}
      />
      <Segmented<DossierKind>
        aria-label={dt("dossiers.kind")}
        value={kind}
        onChange={chooseKind}
        options={[
          { value: "base", label: dt("dossiers.kind.base") },
          { value: "leaders", label: dt("dossiers.kind.leaders") },
        ]}
        style={{ alignSelf: "flex-start" }}
      />
      {orgId === undefined ? (
        <Empty description={dt("dossiers.noOrganization")} />
      ) : yearPending ? (
        <Spin />
      ) : (
        <DossierList scope={{ organizationId: orgId, year }} kind={kind} />
      )}
    </Flex>
  );
}

function DossierList({ scope, kind }: { scope: Scope; kind: DossierKind }) {
  const t = useT();
  const dt = useDossiersT();
  const navigate = useNavigate();
  const dossiers = useDossiers(scope, kind);
  if (dossiers.isPending) return <Spin />;
  if (dossiers.isError) {
    return <Alert type="error" showIcon title={errorMessage(dossiers.error, t)} />;
  }
  const rows = dossiers.data;
  const open = (row: DossierStatus) => void navigate(dossierPath(row.organization_id, row.year, kind));
  return (
    <>
      <Summary rows={rows} />
      <Table<DossierStatus>
        data-testid="dossiers"
        size="small"
        pagination={false}
        rowKey="organization_id"
        dataSource={rows}
        locale={{ emptyText: dt("dossiers.list.empty") }}
        onRow={(row) => ({ onClick: () => open(row), style: { cursor: "pointer" } })}
        columns={[
          {
            title: dt("dossiers.base"),
            key: "name",
            render: (_, row) => (
              // The link keeps the row reachable from the keyboard.
              <Link
                to={dossierPath(row.organization_id, row.year, kind)}
                onClick={(event) => event.stopPropagation()}
              >
                {row.name}
              </Link>
            ),
          },
          {
            title: dt("dossiers.status"),
            key: "status",
            render: (_, row) => <DossierTags dossier={row} />,
          },
          {
            title: dt("dossiers.deadline"),
            key: "deadline",
            render: (_, row) => formatDay(row.deadline),
          },
          {
            title: dt("dossiers.number"),
            key: "number",
            align: "right",
            render: (_, row) => row.latest?.number ?? "",
          },
          {
            title: dt("dossiers.submittedAt"),
            key: "submitted_at",
            render: (_, row) => (row.latest ? formatDateTime(row.latest.submitted_at) : ""),
          },
          {
            title: dt("dossiers.submittedBy"),
            key: "submitted_by",
            render: (_, row) => row.latest?.submitted_by ?? "",
          },
        ]}
      />
    </>
  );
}

/** x/y accepted, how many wait for review, were late or are overdue. */
function Summary({ rows }: { rows: DossierStatus[] }) {
  const dt = useDossiersT();
  const count = (test: (row: DossierStatus) => boolean) => rows.filter(test).length;
  return (
    <Flex gap={32} wrap data-testid="dossier-summary">
      <Statistic
        title={dt("dossiers.summary.accepted")}
        value={count((row) => row.status === "accepted")}
        suffix={`/ ${rows.length}`}
      />
      <Statistic
        title={dt("dossiers.summary.submitted")}
        value={count((row) => row.status === "submitted")}
      />
      <Statistic title={dt("dossiers.summary.late")} value={count((row) => row.late)} />
      <Statistic title={dt("dossiers.summary.overdue")} value={count((row) => row.overdue)} />
    </Flex>
  );
}
