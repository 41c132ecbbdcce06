import { DownOutlined } from "@ant-design/icons";
import { Alert, App, Button, Dropdown, Empty, Flex, Spin, Table, Typography } from "antd";
import { useState } from "react";
import { ApiError } from "@/api/problem";
import {
  useCandidates,
  useNominate,
  type MemberCandidate,
  type OrgCandidate,
  type Scope,
} from "@/features/rewards/api/rewards";
import { EvidenceTags } from "@/features/rewards/components/evidence-tags";
import { rewardsFor, rewardText, type Reward } from "@/features/rewards/components/labels";
import { useRewardsT, type RewardsMessageKey } from "@/features/rewards/messages";
import { orgKindText } from "@/lib/domain/labels";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage } from "@/lib/problems";

type Nominee = { name: string; member_id?: number; organization_id?: number };

const knownProblems = ["quota_exceeded", "not_registered", "already_nominated", "no_streak"];

/** Why a nomination was refused: the rule broken, in the API's own words (W1–W6). */
type Refusal = { title: string; detail: string };

/**
 * The members and organisations with a five-year streak under the nominating organisation, each
 * with its evidence and the rewards that organisation may propose for it.
 */
export function CandidateLists({ scope, nominatingKind }: { scope: Scope; nominatingKind: string }) {
  const t = useT();
  const rt = useRewardsT();
  const { message } = App.useApp();
  const candidates = useCandidates(scope);
  const nominate = useNominate();
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  const propose = (nominee: Nominee, reward: Reward) => {
    setRefusal(null);
    nominate.mutate(
      {
        reward,
        year: scope.year,
        nominating_organization_id: scope.organizationId,
        ...(nominee.member_id === undefined
          ? { organization_id: nominee.organization_id }
          : { member_id: nominee.member_id }),
      },
      {
        onSuccess: () =>
          void message.success(
            rt("rewards.nominated", { name: nominee.name, reward: rewardText(rt, reward) }),
          ),
        onError: (error) => setRefusal(refusalOf(error)),
      },
    );
  };

  const refusalOf = (error: unknown): Refusal => {
    if (!(error instanceof ApiError)) {
      return { title: rt("rewards.error.other"), detail: errorMessage(error, t) };
    }
    const code = error.code ?? "";
    const title = knownProblems.includes(code)
      ? rt(`rewards.error.${code}` as RewardsMessageKey)
      : rt("rewards.error.other");
    // A 422 names what is missing in its field errors (the years of W1).
    const fields = error.fieldErrors.map((field) => field.message);
    return { title, detail: fields.length > 0 ? fields.join("; ") : error.message };
  };

  const nominateButton = (nominee: Nominee, choices: Reward[]) => {
    if (choices.length === 0) return null;
    if (choices.length === 1) {
      return (
        <Button
          size="small"
          loading={nominate.isPending && nominate.variables?.reward === choices[0]}
          onClick={() => propose(nominee, choices[0])}
          title={rewardText(rt, choices[0])}
        >
          {rt("rewards.nominate")}
        </Button>
      );
    }
    return (
      <Dropdown
        trigger={["click"]}
        menu={{
          items: choices.map((reward) => ({ key: reward, label: rewardText(rt, reward) })),
          onClick: ({ key }) => propose(nominee, key as Reward),
        }}
      >
        <Button size="small" loading={nominate.isPending}>
          {rt("rewards.nominate")} <DownOutlined />
        </Button>
      </Dropdown>
    );
  };

  if (candidates.isPending) return <Spin />;
  if (candidates.isError) {
    return <Alert type="error" showIcon title={errorMessage(candidates.error, t)} />;
  }
  return (
    <Flex vertical gap={12}>
      {refusal && (
        <Alert
          data-testid="nomination-refused"
          type="error"
          showIcon
          closable={{ onClose: () => setRefusal(null) }}
          title={refusal.title}
          description={refusal.detail}
        />
      )}
      <Typography.Title level={5} style={{ margin: 0 }}>
        {rt("rewards.candidates.members")}
      </Typography.Title>
      <Table<MemberCandidate>
        data-testid="member-candidates"
        size="small"
        pagination={false}
        rowKey="member_id"
        dataSource={candidates.data.members}
        locale={{ emptyText: <Empty description={rt("rewards.candidates.empty")} /> }}
        columns={[
          { title: rt("rewards.name"), dataIndex: "full_name" },
          { title: rt("rewards.branch"), dataIndex: "branch_name" },
          {
            title: rt("rewards.evidence"),
            key: "years",
            render: (_, row) => <EvidenceTags years={row.years} />,
          },
          {
            key: "nominate",
            align: "right",
            render: (_, row) =>
              nominateButton(
                { name: row.full_name, member_id: row.member_id },
                rewardsFor(nominatingKind, "member"),
              ),
          },
        ]}
      />
      <Typography.Title level={5} style={{ margin: 0 }}>
        {rt("rewards.candidates.organizations")}
      </Typography.Title>
      <Table<OrgCandidate>
        data-testid="org-candidates"
        size="small"
        pagination={false}
        rowKey="organization_id"
        dataSource={candidates.data.organizations}
        locale={{ emptyText: <Empty description={rt("rewards.candidates.empty")} /> }}
        columns={[
          {
            title: rt("rewards.orgName"),
            key: "name",
            render: (_, row) => `${row.name} (${orgKindText(t, row.kind)})`,
          },
          {
            title: rt("rewards.evidence"),
            key: "years",
            render: (_, row) => <EvidenceTags years={row.years} />,
          },
          {
            key: "nominate",
            align: "right",
            render: (_, row) =>
              nominateButton(
                { name: row.name, organization_id: row.organization_id },
                rewardsFor(nominatingKind, row.kind),
              ),
          },
        ]}
      />
      {candidates.data.organizations.length === 0 && (
        <Typography.Text type="secondary" data-testid="org-history-hint">
          {rt("rewards.candidates.orgHistoryHint")}
        </Typography.Text>
      )}
    </Flex>
  );
}
