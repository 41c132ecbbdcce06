import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  Select,
  Table,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { ApiError } from "@/api/problem";
import { FormError } from "@/components/ui/form-error";
import { StaleVersionAlert } from "@/components/ui/stale-version-alert";
import type { Cycle } from "@/features/cycles/api/cycles";
import {
  useBranchOpinions,
  useSaveBranchOpinion,
  type BranchOpinion,
  type BranchOpinionInput,
} from "@/features/cycles/api/branch-opinions";
import { useCyclesT } from "@/features/cycles/messages";
import { branchCommitteeOrgIds } from "@/lib/auth/permissions";
import type { Me } from "@/lib/auth/use-session";
import { partyOrgRatings, partyOrgRatingText } from "@/lib/classification/labels";
import { formatDateTime } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage, useFormProblem } from "@/lib/problems";

/**
 * Plan II.2.3: the branches' opinions on their base's self-review and self-classification. A
 * branch committee writes its own; the base's committee (and those above) read them all.
 * Nothing for those the API refuses (403).
 */
export function BranchOpinions({ me, cycle }: { me: Me; cycle: Cycle }) {
  const t = useT();
  const ct = useCyclesT();
  const opinions = useBranchOpinions(cycle.id);

  // Nothing until the API says whether the user may read them (403: the section is not theirs).
  if (opinions.isPending) return null;
  if (opinions.isError && opinions.error instanceof ApiError && opinions.error.status === 403) {
    return null;
  }
  const own = branchCommitteeOrgIds(me);
  const rows = opinions.data ?? [];
  const mine = rows.filter((row) => own.includes(row.branch_id));

  return (
    <Flex vertical gap={8} data-testid="branch-opinions">
      <Typography.Title level={4}>{ct("branchOpinions.title")}</Typography.Title>
      {opinions.isError && (
        <Alert type="error" showIcon title={errorMessage(opinions.error, t)} />
      )}
      {opinions.data !== undefined &&
        (mine.length > 0 ? (
          mine.map((row) => (
            <OpinionForm key={row.branch_id} cycleId={cycle.id} opinion={row} />
          ))
        ) : (
          <OpinionTable rows={rows} />
        ))}
    </Flex>
  );
}

// The organisation levels' colours, as the organisations' classification shows them.
function levelColor(level: string): string {
  switch (level) {
    case "clean_strong":
      return "green";
    case "good":
      return "blue";
    case "completed":
      return "gold";
    case "weak":
      return "red";
    default:
      return "default";
  }
}

function OpinionTable({ rows }: { rows: BranchOpinion[] }) {
  const t = useT();
  const ct = useCyclesT();
  if (rows.length === 0) return <Empty description={ct("branchOpinions.empty")} />;
  const given = rows.filter((row) => row.opinion).length;
  return (
    <Flex vertical gap={8}>
      <Typography.Text data-testid="branch-opinions-count">
        {ct("branchOpinions.count", { given, total: rows.length })}
      </Typography.Text>
      <Table<BranchOpinion>
        size="small"
        rowKey="branch_id"
        pagination={false}
        scroll={{ x: true }}
        dataSource={rows}
        columns={[
          { title: ct("branchOpinions.branch"), dataIndex: "branch_name" },
          {
            title: ct("branchOpinions.opinion"),
            key: "opinion",
            render: (_: unknown, row: BranchOpinion) =>
              row.opinion ? (
                <Typography.Paragraph
                  style={{ marginBottom: 0, whiteSpace: "pre-wrap" }}
                  ellipsis={{ rows: 3, expandable: true, symbol: "…" }}
                >
                  {row.opinion}
                </Typography.Paragraph>
              ) : (
                <Tag color="orange">{ct("branchOpinions.missing")}</Tag>
              ),
          },
          {
            title: ct("branchOpinions.proposedLevel"),
            key: "level",
            render: (_: unknown, row: BranchOpinion) =>
              row.proposed_level ? (
                <Tag color={levelColor(row.proposed_level)}>
                  {partyOrgRatingText(t, row.proposed_level)}
                </Tag>
              ) : null,
          },
          {
            title: ct("branchOpinions.updated"),
            key: "updated",
            render: (_: unknown, row: BranchOpinion) =>
              row.updated_at ? (
                <Typography.Text type="secondary">
                  {ct("branchOpinions.updatedByAt", {
                    by: row.updated_by ?? "",
                    at: formatDateTime(row.updated_at),
                  })}
                </Typography.Text>
              ) : null,
          },
        ]}
      />
    </Flex>
  );
}

type Values = { opinion: string; proposed_level?: string | null };

const valuesOf = (row: BranchOpinion): Values => ({
  opinion: row.opinion ?? "",
  proposed_level: row.proposed_level ?? null,
});

/** A branch committee's own opinion, saved on the version read (0 the first time). */
function OpinionForm({ cycleId, opinion }: { cycleId: number; opinion: BranchOpinion }) {
  const t = useT();
  const ct = useCyclesT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveBranchOpinion(cycleId);
  const problem = useFormProblem(form);
  // The version the change is made on: the one read when the form was filled.
  const [base, setBase] = useState(opinion);
  const [stale, setStale] = useState(false);

  const reload = () => {
    setBase(opinion);
    form.resetFields();
    form.setFieldsValue(valuesOf(opinion));
    setStale(false);
    problem.setMessage(null);
  };

  const submit = (values: Values) => {
    problem.setMessage(null);
    setStale(false);
    const body: BranchOpinionInput = {
      version: base.version,
      opinion: values.opinion.trim(),
      proposed_level: values.proposed_level ?? null,
    };
    save.mutate(
      { branchId: opinion.branch_id, body },
      {
        onSuccess: (saved) => {
          setBase(saved);
          void message.success(ct("branchOpinions.saved"));
        },
        onError: (error: unknown) => {
          if (error instanceof ApiError && error.status === 412) {
            setStale(true);
            return;
          }
          problem.show(error);
        },
      },
    );
  };

  return (
    <Card
      size="small"
      title={opinion.branch_name}
      data-testid={`branch-opinion-${opinion.branch_id}`}
    >
      {stale && (
        <StaleVersionAlert
          title={ct("branchOpinions.stale")}
          reloadLabel={ct("branchOpinions.stale.reload")}
          disabled={opinion.version === base.version}
          onReload={reload}
        />
      )}
      <FormError message={problem.message} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={save.isPending}
        initialValues={valuesOf(opinion)}
      >
        <Form.Item
          name="opinion"
          label={ct("branchOpinions.opinion")}
          rules={[{ required: true, whitespace: true, message: t("validation.required") }]}
        >
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.Item name="proposed_level" label={ct("branchOpinions.proposedLevel")}>
          <Select
            allowClear
            style={{ maxWidth: 320 }}
            options={partyOrgRatings.map((level) => ({
              value: level,
              label: partyOrgRatingText(t, level),
            }))}
          />
        </Form.Item>
        <Flex gap={16} align="center" wrap>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {ct("branchOpinions.save")}
          </Button>
          {base.updated_at && (
            <Typography.Text type="secondary">
              {ct("branchOpinions.updatedByAt", {
                by: base.updated_by ?? "",
                at: formatDateTime(base.updated_at),
              })}
            </Typography.Text>
          )}
        </Flex>
      </Form>
    </Card>
  );
}
