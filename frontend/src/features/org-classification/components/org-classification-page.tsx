import { EditOutlined } from "@ant-design/icons";
import {
  Alert,
  Button,
  Empty,
  Flex,
  Form,
  Select,
  Spin,
  Statistic,
  Table,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { TruncatedAlert } from "@/components/ui/truncated-alert";
import { useCycleList, type Cycle } from "@/features/org-classification/api/cycles";
import {
  useOrgClassification,
  type OrgAssessment,
  type OrgClassification,
} from "@/features/org-classification/api/org-classification";
import { useRuleSets } from "@/features/org-classification/api/rule-sets";
import { AssessmentDrawer } from "@/features/org-classification/components/assessment-drawer";
import {
  orgLevelColor,
  orgLevelText,
  ownOrganizations,
  sheetModeFor,
  sheetStatusColor,
  sheetStatusText,
  unitRatingText,
} from "@/features/org-classification/components/labels";
import { useOrgT, type OrgTranslate } from "@/features/org-classification/messages";
import type { Me } from "@/lib/auth/use-session";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage } from "@/lib/problems";

/**
 * The organisations' classification of a cycle (O1–O4): the overview of the organisations under
 * the cycle's one, with the O2/O3 limits, and each one's self-assessment sheet in a drawer.
 */
export function OrgClassificationPage({ me }: { me: Me }) {
  const t = useT();
  const ot = useOrgT();
  const cycles = useCycleList();
  const [params, setParams] = useSearchParams();
  const chosenId = Number(params.get("cycle"));
  // The newest cycle until one is chosen (the list comes newest year first).
  const cycle = cycles.data?.items.find((one) => one.id === chosenId) ?? cycles.data?.items[0];

  if (cycles.isPending) return <Spin />;
  if (cycles.isError) {
    return <Alert type="error" showIcon title={errorMessage(cycles.error, t)} />;
  }
  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {ot("orgClass.intro")}
      </Typography.Paragraph>
      {cycle === undefined ? (
        <Empty description={ot("orgClass.noCycles")} />
      ) : (
        <>
          <Form layout="inline">
            <Form.Item label={ot("orgClass.cycle")}>
              <Select
                aria-label={ot("orgClass.cycle")}
                style={{ minWidth: 320 }}
                value={cycle.id}
                onChange={(id: number) => setParams({ cycle: String(id) }, { replace: true })}
                options={cycles.data.items.map((one) => ({
                  value: one.id,
                  label: ot("orgClass.cycle.option", {
                    organization: one.organization_name,
                    year: one.year,
                    ruleSet: one.rule_set,
                  }),
                }))}
              />
            </Form.Item>
          </Form>
          <TruncatedAlert pages={[cycles.data]} />
          {/* Keyed by the cycle, so that an open drawer does not outlive it. */}
          <CycleClassification key={cycle.id} me={me} cycle={cycle} />
        </>
      )}
    </Flex>
  );
}

type OpenSheet = { orgId: number };

function CycleClassification({ me, cycle }: { me: Me; cycle: Cycle }) {
  const t = useT();
  const ot = useOrgT();
  const overview = useOrgClassification(cycle.organization_id, cycle.year);
  const ruleSets = useRuleSets();
  const [open, setOpen] = useState<OpenSheet | null>(null);
  const ruleSet = ruleSets.data?.find((one) => one.name === cycle.rule_set);
  const own = ownOrganizations(me, cycle.organization_id);
  // The committee above the cycle's organisation (a city over a base) scores its sheet (O4):
  // the overview lists only the organisations below it, so the sheet has its own button.
  const scoresAbove =
    !own.some((org) => org.id === cycle.organization_id) &&
    sheetModeFor(me, cycle.organization_id) === "superior";

  return (
    <>
      {scoresAbove && (
        <div>
          <Button
            icon={<EditOutlined />}
            onClick={() => setOpen({ orgId: cycle.organization_id })}
          >
            {ot("orgClass.superiorSheet", { name: cycle.organization_name })}
          </Button>
        </div>
      )}
      {own.length > 0 && (
        <Flex gap={8} wrap>
          {own.map((org) => (
            <Button key={org.id} icon={<EditOutlined />} onClick={() => setOpen({ orgId: org.id })}>
              {own.length === 1
                ? ot("orgClass.ownSheet")
                : ot("orgClass.ownSheet.of", { name: org.name })}
            </Button>
          ))}
        </Flex>
      )}
      {overview.isPending && <Spin />}
      {overview.isError && (
        <Alert type="error" showIcon title={errorMessage(overview.error, t)} />
      )}
      {overview.data && (
        <Overview
          ot={ot}
          data={overview.data}
          onOpen={(row) => setOpen({ orgId: row.organization_id })}
        />
      )}
      {open && (
        <AssessmentDrawer
          cycleId={cycle.id}
          orgId={open.orgId}
          mode={sheetModeFor(me, open.orgId)}
          sheet={ruleSet?.org_sheet}
          ruleSetName={cycle.rule_set}
          onClose={() => setOpen(null)}
        />
      )}
    </>
  );
}

function Overview({
  ot,
  data,
  onOpen,
}: {
  ot: OrgTranslate;
  data: OrgClassification;
  onOpen: (row: OrgAssessment) => void;
}) {
  const counters = [
    { key: "classified", value: data.classified },
    { key: "clean_strong", value: data.clean_strong },
    { key: "exemplary", value: data.exemplary },
    { key: "good", value: data.good },
    { key: "completed", value: data.completed },
    { key: "weak", value: data.weak },
  ] as const;
  return (
    <>
      <Flex gap={32} wrap data-testid="org-counters">
        {counters.map(({ key, value }) => (
          <Statistic key={key} title={ot(`orgClass.counters.${key}`)} value={value} />
        ))}
        <Statistic
          title={ot("orgClass.counters.units")}
          value={`${data.units_outstanding}/${data.units_rated}`}
        />
      </Flex>
      {data.warnings.length > 0 && (
        <Alert
          data-testid="org-warnings"
          type="warning"
          showIcon
          title={ot("orgClass.warnings")}
          description={
            <Flex vertical gap={4}>
              {data.warnings.map((warning, at) => (
                <span key={at}>
                  <Tag>{warning.rule}</Tag>
                  {warning.message}
                </span>
              ))}
            </Flex>
          }
        />
      )}
      <Table<OrgAssessment>
        data-testid="org-classification-table"
        size="small"
        pagination={false}
        rowKey="organization_id"
        dataSource={data.organizations}
        locale={{ emptyText: ot("orgClass.empty") }}
        columns={[
          {
            title: ot("orgClass.name"),
            key: "name",
            render: (_, row) => (
              <Button type="link" style={{ padding: 0 }} onClick={() => onOpen(row)}>
                {row.name}
              </Button>
            ),
          },
          {
            title: ot("orgClass.selfTotal"),
            key: "self_total",
            align: "right",
            render: (_, row) => totalText(row.self_total, row.max_total),
          },
          {
            title: ot("orgClass.superiorTotal"),
            key: "superior_total",
            align: "right",
            render: (_, row) => totalText(row.superior_total, row.max_total),
          },
          {
            title: ot("orgClass.level"),
            key: "level",
            render: (_, row) => (
              <>
                {row.level && (
                  <Tag color={orgLevelColor(row.level)}>{orgLevelText(ot, row.level)}</Tag>
                )}
                {row.exemplary && <Tag color="red">{ot("orgClass.exemplary")}</Tag>}
              </>
            ),
          },
          {
            title: ot("orgClass.unitRating"),
            key: "unit_rating",
            render: (_, row) => (row.unit_rating ? unitRatingText(ot, row.unit_rating) : ""),
          },
          {
            title: ot("orgClass.status"),
            key: "status",
            render: (_, row) => (
              <Tag color={sheetStatusColor(row.status)}>{sheetStatusText(ot, row.status)}</Tag>
            ),
          },
        ]}
      />
    </>
  );
}

function totalText(total: number | null | undefined, max: number): string {
  return total == null ? "" : `${total}/${max}`;
}
