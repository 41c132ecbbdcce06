import { FlagOutlined } from "@ant-design/icons";
import { App, Button, Empty, Flex, Form, InputNumber, Spin, Typography } from "antd";
import { useCallback, useState } from "react";
import { ApiError } from "@/api/problem";
import {
  useRegisterEmulation,
  type Nomination,
  type Scope,
} from "@/features/rewards/api/rewards";
import { CandidateLists } from "@/features/rewards/components/candidates";
import { NominationList } from "@/features/rewards/components/nominations";
import { QuotaMeters } from "@/features/rewards/components/quota-meters";
import { useRewardsT } from "@/features/rewards/messages";
import { OrgSelect } from "@/components/org-select";
import { committeeOrgIds, inSubtreeOf, isAdmin } from "@/lib/auth/permissions";
import type { Me } from "@/lib/auth/use-session";
import { useCycleYear } from "@/lib/cycle-year";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage } from "@/lib/problems";
import { flattenTree, useFirstOrg, useOrgTree, type Organization } from "@/lib/org-tree";

/**
 * Rewards (W1–W6) of a nominating organisation, a base or a district the user's committee runs:
 * its quotas, the candidates with their five years, the emulation registration, the nominations.
 */
export function RewardsPage({ me }: { me: Me }) {
  const rt = useRewardsT();
  const tree = useOrgTree();
  const nominating = useCallback(
    (org: Organization) =>
      (org.kind === "base" || org.kind === "district") &&
      (isAdmin(me) || inSubtreeOf(org, committeeOrgIds(me))),
    [me],
  );
  const firstOrg = useFirstOrg(nominating);
  const [chosenId, setChosenId] = useState<number>();
  const [chosenYear, setYear] = useState<number>();
  const orgId = chosenId ?? firstOrg;
  // Until a year is typed, that of the organisation's latest cycle.
  const cycleYear = useCycleYear(orgId, chosenYear === undefined);
  const year = chosenYear ?? cycleYear;
  const org = flattenTree(tree.data ?? []).find((one) => one.id === orgId);

  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {rt("rewards.intro")}
      </Typography.Paragraph>
      <Form layout="inline">
        <Form.Item label={rt("rewards.organization")}>
          <OrgSelect
            aria-label={rt("rewards.organization")}
            value={orgId}
            onChange={setChosenId}
            offered={nominating}
          />
        </Form.Item>
        <Form.Item label={rt("rewards.year")}>
          <InputNumber
            aria-label={rt("rewards.year")}
            min={1990}
            max={2100}
            precision={0}
            value={year ?? null}
            onChange={(value) => value !== null && setYear(value)}
          />
        </Form.Item>
      </Form>
      {!tree.isPending && org === undefined ? (
        <Empty description={rt("rewards.noOrganization")} />
      ) : (
        org &&
        (year === undefined ? (
          <Spin />
        ) : (
          <NominatingOrg
            key={`${org.id}-${year}`}
            me={me}
            org={org}
            scope={{ organizationId: org.id, year }}
          />
        ))
      )}
    </Flex>
  );
}

function NominatingOrg({ me, org, scope }: { me: Me; org: Organization; scope: Scope }) {
  const rt = useRewardsT();
  // The committee above the nominating organisation decides: from a district, its bases'
  // nominations; the API refuses anyone else anyway.
  const decides = (nomination: Nomination) =>
    isAdmin(me) || nomination.nominating_organization_id !== org.id;
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {rt("rewards.quotas")}
        </Typography.Title>
        <RegisterButton org={org} scope={scope} />
      </Flex>
      <QuotaMeters scope={scope} />
      <Typography.Title level={4} style={{ margin: 0 }}>
        {rt("rewards.candidates")}
      </Typography.Title>
      <CandidateLists scope={scope} nominatingKind={org.kind} />
      <Typography.Title level={4} style={{ margin: 0 }}>
        {rt("rewards.nominations")}
      </Typography.Title>
      <NominationList scope={scope} decides={decides} />
    </>
  );
}

/** W6: the organisation registers for the year's emulation; registering twice is only news. */
function RegisterButton({ org, scope }: { org: Organization; scope: Scope }) {
  const t = useT();
  const rt = useRewardsT();
  const { message, modal } = App.useApp();
  const register = useRegisterEmulation();
  // The year is whatever the box says: the dialog names it and the organisation before it counts.
  const confirm = () =>
    void modal.confirm({
      title: rt("rewards.register.confirm", { year: scope.year, name: org.name }),
      content: rt("rewards.register.confirmHint"),
      okText: rt("rewards.register"),
      cancelText: t("common.cancel"),
      onOk: () =>
        register.mutateAsync(scope).then(
          () => void message.success(rt("rewards.registered", { name: org.name, year: scope.year })),
          (error: unknown) =>
            void (error instanceof ApiError && error.status === 409
              ? message.info(error.message)
              : message.error(errorMessage(error, t))),
        ),
    });
  return (
    <Button icon={<FlagOutlined />} loading={register.isPending} onClick={confirm}>
      {rt("rewards.register")}
    </Button>
  );
}
