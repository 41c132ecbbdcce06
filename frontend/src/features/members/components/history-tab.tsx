import { EditOutlined, PlusOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Table,
  Tag,
  type TableProps,
} from "antd";
import { useState } from "react";
import { FormError } from "@/components/ui/form-error";
import type { Member } from "@/features/members/api/get-members";
import {
  useHistory,
  useRecordHistory,
  type HistoryEntry,
} from "@/features/members/api/history";
import { classificationLevelText, historySourceText } from "@/lib/domain/labels";
import { classificationLevels } from "@/lib/domain/members";
import { formatDateTime, todayInVietnam } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage, useFormProblem } from "@/lib/problems";

const levelColors: Record<string, string> = {
  excellent: "green",
  good: "blue",
  completed: "gold",
  not_completed: "red",
};

/** The earliest year the server takes a result for. */
const firstYear = 1990;

/** A member's classification by year (newest first); past years can be entered or corrected. */
export function HistoryTab({ member, canEdit }: { member: Member; canEdit: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const history = useHistory(member.id);
  // The year being entered (null: a new one) while the dialog is open.
  const [editing, setEditing] = useState<{ entry: HistoryEntry | null } | null>(null);

  const columns: TableProps<HistoryEntry>["columns"] = [
    { title: t("history.year"), dataIndex: "year", key: "year" },
    {
      title: t("history.level"),
      dataIndex: "level",
      key: "level",
      render: (level: string) => (
        <Tag color={levelColors[level]}>{classificationLevelText(t, level)}</Tag>
      ),
    },
    { title: t("history.organization"), dataIndex: "organization_name", key: "organization" },
    {
      title: t("history.source"),
      dataIndex: "source",
      key: "source",
      render: (source: string) => historySourceText(t, source),
    },
    {
      title: t("history.recordedAt"),
      dataIndex: "recorded_at",
      key: "recorded_at",
      render: (value: string) => formatDateTime(value),
    },
    ...(canEdit
      ? [
          {
            title: t("common.actions"),
            key: "actions",
            render: (_: unknown, entry: HistoryEntry) => (
              <Button
                size="small"
                type="text"
                icon={<EditOutlined />}
                aria-label={t("history.editYear", { year: entry.year })}
                onClick={() => setEditing({ entry })}
              />
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16}>
      {canEdit && (
        <div>
          <Button icon={<PlusOutlined />} onClick={() => setEditing({ entry: null })}>
            {t("history.add")}
          </Button>
        </div>
      )}
      {history.isError && <Alert type="error" showIcon title={errorMessage(history.error, t)} />}
      <Table<HistoryEntry>
        rowKey="year"
        size="small"
        columns={columns}
        dataSource={history.data}
        loading={history.isFetching}
        pagination={false}
        locale={{ emptyText: t("history.none") }}
      />
      {editing !== null && (
        <HistoryModal
          member={member}
          entry={editing.entry}
          taken={(history.data ?? []).map((entry) => entry.year)}
          onClose={() => setEditing(null)}
          onSaved={(year) => {
            setEditing(null);
            void message.success(t("history.saved", { year }));
          }}
        />
      )}
    </Flex>
  );
}

type Values = { year: number; level: string; organization_name: string };

function HistoryModal({
  member,
  entry,
  taken,
  onClose,
  onSaved,
}: {
  member: Member;
  entry: HistoryEntry | null;
  taken: number[];
  onClose: () => void;
  onSaved: (year: number) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const record = useRecordHistory(member.id);
  const problem = useFormProblem(form);
  // Past years only: the current year's result comes from its review cycle.
  const lastYear = todayInVietnam().year() - 1;

  const submit = ({ year, level, organization_name }: Values) => {
    problem.setMessage(null);
    record.mutate(
      { year, body: { level, organization_name: organization_name.trim() } },
      { onSuccess: () => onSaved(year), onError: problem.show },
    );
  };

  return (
    <Modal
      open
      title={entry === null ? t("history.add") : t("history.editYear", { year: entry.year })}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={record.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <FormError message={problem.message} />
      <Form
        form={form}
        name="history"
        layout="vertical"
        onFinish={submit}
        initialValues={
          entry ?? { year: lastYear, organization_name: member.branch_name, level: undefined }
        }
      >
        <Form.Item
          name="year"
          label={t("history.year")}
          rules={[
            { required: true, message: t("validation.required") },
            {
              validator: (_, year?: number) =>
                entry === null && year !== undefined && taken.includes(year)
                  ? Promise.reject(new Error(t("history.year.taken")))
                  : Promise.resolve(),
            },
          ]}
        >
          <InputNumber<number>
            min={firstYear}
            max={lastYear}
            precision={0}
            disabled={entry !== null}
            style={{ width: 160 }}
          />
        </Form.Item>
        <Form.Item
          name="level"
          label={t("history.level")}
          rules={[{ required: true, message: t("validation.required") }]}
        >
          <Select
            options={classificationLevels.map((value) => ({
              value,
              label: classificationLevelText(t, value),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="organization_name"
          label={t("history.organization")}
          extra={t("history.organization.hint")}
          rules={[
            { required: true, whitespace: true, message: t("validation.required") },
            { max: 200, message: t("validation.max", { max: 200 }) },
          ]}
        >
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
