import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Card,
  Drawer,
  Flex,
  Form,
  Input,
  Select,
  Space,
  Spin,
  Table,
  Typography,
} from "antd";
import { useMemo, useState } from "react";
import { FormError } from "@/components/ui/form-error";
import {
  useSaveQuotaGroups,
  type BoardRow,
  type PointsBoard,
  type QuotaGroupsInput,
} from "@/features/points-year/api/points";
import { clearFieldErrors, showPointsProblem } from "@/features/points-year/form-problem";
import { usePointsT } from "@/features/points-year/messages";
import {
  definedGroups,
  defaultGroupOf,
  groupFieldOf,
  memberAt,
  quotaGroupsBody,
  type GroupDraft,
} from "@/features/points-year/quota-groups";
import { useT } from "@/lib/i18n/use-t";
import { flattenTree, useOrgTree } from "@/lib/org-tree";
import { errorMessage } from "@/lib/problems";
import { matchesSearch } from "@/lib/search-text";

type Props = {
  cycleId: number;
  board: PointsBoard;
  outstanding: boolean;
  /** How the rule set counts the quota by default: `quota_group` (base and frame) or `branch`. */
  scope: string | undefined;
  onClose: () => void;
};

/**
 * The competent level's quota groups (S7), before the decision: named groups of persons of
 * similar position, each member picked by name; anyone in none stays in the default group.
 */
export function QuotaGroupsDrawer({ cycleId, board, outstanding, scope, onClose }: Props) {
  const t = useT();
  const pt = usePointsT();
  // The organisations tell each row's default group (its base's code) from a defined one.
  const tree = useOrgTree();
  const orgs = useMemo(
    () => new Map(flattenTree(tree.data ?? []).map((org) => [org.id, org] as const)),
    [tree.data],
  );
  return (
    <Drawer open size={760} title={pt("groups.title")} onClose={onClose} destroyOnHidden>
      <Flex vertical gap={16}>
        <Typography.Text type="secondary">{pt("groups.hint")}</Typography.Text>
        {tree.isPending ? (
          <Spin />
        ) : tree.isError ? (
          <Alert type="error" showIcon title={errorMessage(tree.error, t)} />
        ) : (
          <GroupsForm
            cycleId={cycleId}
            board={board}
            outstanding={outstanding}
            defaultOf={(row) => defaultGroupOf(row, orgs, scope)}
            onDone={onClose}
          />
        )}
      </Flex>
    </Drawer>
  );
}

type Values = { groups: GroupDraft[] };

type FormProps = {
  cycleId: number;
  board: PointsBoard;
  outstanding: boolean;
  defaultOf: (row: BoardRow) => string | null;
  onDone: () => void;
};

function GroupsForm({ cycleId, board, outstanding, defaultOf, onDone }: FormProps) {
  const t = useT();
  const pt = usePointsT();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveQuotaGroups(cycleId);
  const [problem, setProblem] = useState<string | null>(null);
  // As the board was when the editor opened.
  const [initialValues] = useState<Values>(() => ({
    groups: definedGroups(board.rows, defaultOf),
  }));
  const drafts = Form.useWatch<Partial<GroupDraft>[] | undefined>("groups", form);
  const rows = board.rows;
  const nameOf = (memberId: number) =>
    rows.find((row) => row.member_id === memberId)?.member_name ?? String(memberId);

  // Each member's group as typed so far (a member in none: the default group).
  const typedGroupOf = new Map<number, { at: number; name: string }>();
  (drafts ?? []).forEach((draft, at) => {
    for (const id of draft?.member_ids ?? []) {
      if (!typedGroupOf.has(id)) typedGroupOf.set(id, { at, name: draft?.name?.trim() ?? "" });
    }
  });
  const groupText = (row: BoardRow) => {
    const typed = typedGroupOf.get(row.member_id);
    if (typed) return typed.name || pt("groups.group", { n: typed.at + 1 });
    const fallback = defaultOf(row);
    return fallback === null
      ? pt("groups.defaultUnknown")
      : pt("groups.default", { group: fallback });
  };
  const optionsFor = (at: number) =>
    rows.map((row) => {
      const label = `${row.member_name} — ${row.branch_name} · ${row.frame}`;
      const other = typedGroupOf.get(row.member_id);
      const elsewhere = other !== undefined && other.at !== at;
      return {
        value: row.member_id,
        label,
        // A member is in one group at most: taken out of the other group first.
        disabled: elsewhere,
        title: elsewhere ? pt("groups.inOther", { name: label, group: groupText(row) }) : label,
      };
    });

  const send = (body: QuotaGroupsInput, done: string) => {
    setProblem(null);
    const typed = (form.getFieldValue("groups") as unknown[] | undefined) ?? [];
    clearFieldErrors(
      form,
      typed.flatMap((_, at) => [
        ["groups", at, "name"],
        ["groups", at, "member_ids"],
      ]),
    );
    return save
      .mutateAsync(body)
      .then(() => {
        void message.success(done);
        onDone();
      })
      .catch((error: unknown) =>
        setProblem(
          showPointsProblem(form, error, t, groupFieldOf, (field, text) => {
            const id = memberAt(body, field);
            return id === null
              ? text
              : pt("groups.memberError", { name: nameOf(id), message: text });
          }),
        ),
      );
  };
  const reset = () => {
    void modal.confirm({
      title: pt("groups.resetConfirm"),
      content: pt("groups.resetHint"),
      okText: pt("groups.resetOk"),
      cancelText: t("common.cancel"),
      onOk: () => send({ groups: [], outstanding }, pt("groups.resetDone")),
    });
  };

  return (
    <Flex vertical gap={16} data-testid="quota-groups-form">
      <FormError message={problem} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        disabled={save.isPending}
        onFinish={(values) =>
          void send(quotaGroupsBody(values.groups, outstanding), pt("groups.saved"))
        }
      >
        <Form.List name="groups">
          {(fields, { add, remove }) => (
            <Flex vertical gap={12}>
              {fields.length === 0 && (
                <Typography.Text type="secondary">{pt("groups.none")}</Typography.Text>
              )}
              {fields.map((field, at) => (
                <Card
                  key={field.key}
                  size="small"
                  data-testid={`quota-group-edit-${at + 1}`}
                  title={pt("groups.group", { n: at + 1 })}
                  extra={
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={pt("groups.remove", { n: at + 1 })}
                      onClick={() => remove(field.name)}
                    />
                  }
                >
                  <Form.Item
                    name={[field.name, "name"]}
                    label={pt("groups.name")}
                    rules={[
                      { required: true, whitespace: true, message: pt("groups.nameRequired") },
                    ]}
                  >
                    <Input aria-label={pt("groups.nameOf", { n: at + 1 })} maxLength={100} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, "member_ids"]}
                    label={pt("groups.members")}
                    style={{ marginBottom: 0 }}
                    rules={[
                      {
                        required: true,
                        type: "array",
                        min: 1,
                        message: pt("groups.membersRequired"),
                      },
                    ]}
                  >
                    <Select
                      mode="multiple"
                      aria-label={pt("groups.membersOf", { n: at + 1 })}
                      placeholder={pt("groups.search")}
                      options={optionsFor(at)}
                      showSearch={{
                        filterOption: (typed, option) => matchesSearch(typed, option?.label ?? ""),
                      }}
                    />
                  </Form.Item>
                </Card>
              ))}
              <Button
                icon={<PlusOutlined />}
                style={{ alignSelf: "start" }}
                onClick={() => add({ name: "", member_ids: [] })}
              >
                {pt("groups.add")}
              </Button>
            </Flex>
          )}
        </Form.List>
        <Space wrap style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {pt("groups.save")}
          </Button>
          <Button onClick={reset}>{pt("groups.reset")}</Button>
        </Space>
      </Form>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {pt("groups.current")}
      </Typography.Title>
      <Table<BoardRow>
        data-testid="quota-group-members"
        size="small"
        rowKey="member_id"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: pt("board.name"), dataIndex: "member_name", key: "name" },
          { title: pt("board.branch"), dataIndex: "branch_name", key: "branch" },
          { title: pt("board.frame"), dataIndex: "frame", key: "frame" },
          { title: pt("board.group"), key: "group", render: (_, row) => groupText(row) },
        ]}
      />
    </Flex>
  );
}
