import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  AutoComplete,
  Button,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Table,
  Tag,
  type TableProps,
} from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { FormError } from "@/components/ui/form-error";
import {
  useAddDiscipline,
  useDisciplines,
  useRemoveDiscipline,
  type Discipline,
} from "@/features/members/api/disciplines";
import { dateFormat, isFuture } from "@/features/members/utils/dates";
import { formatDay, todayInVietnam, toApiDay } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage, useFormProblem } from "@/lib/problems";

/** Whether a discipline is still in force (M10): its term has not ended. */
function inForce(discipline: Discipline): boolean {
  return (
    discipline.term_ends_on != null &&
    !todayInVietnam().isAfter(discipline.term_ends_on, "day")
  );
}

/** A member's discipline records: listed, added and (if entered by mistake) removed. */
export function DisciplinesTab({ memberId, canEdit }: { memberId: number; canEdit: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const disciplines = useDisciplines(memberId);
  const remove = useRemoveDiscipline(memberId);
  const [adding, setAdding] = useState(false);

  const columns: TableProps<Discipline>["columns"] = [
    {
      title: t("discipline.form"),
      dataIndex: "form",
      key: "form",
      render: (form: string, discipline) => (
        <>
          {form} {inForce(discipline) && <Tag color="red">{t("discipline.inForce")}</Tag>}
        </>
      ),
    },
    { title: t("discipline.issuingBody"), dataIndex: "issuing_body", key: "issuing_body" },
    {
      title: t("discipline.decidedOn"),
      dataIndex: "decided_on",
      key: "decided_on",
      render: (value: string) => formatDay(value),
    },
    {
      title: t("discipline.termEndsOn"),
      dataIndex: "term_ends_on",
      key: "term_ends_on",
      render: (value: string | null) => (value ? formatDay(value) : "—"),
    },
    { title: t("discipline.note"), dataIndex: "note", key: "note" },
    ...(canEdit
      ? [
          {
            title: t("common.actions"),
            key: "actions",
            render: (_: unknown, discipline: Discipline) => (
              <Popconfirm
                title={t("discipline.remove.confirm")}
                description={t("discipline.remove.hint")}
                okText={t("common.delete")}
                cancelText={t("common.cancel")}
                okButtonProps={{ danger: true }}
                onConfirm={() =>
                  remove.mutate(discipline.id, {
                    onSuccess: () => void message.success(t("discipline.removed")),
                    onError: (error) => void message.error(errorMessage(error, t)),
                  })
                }
              >
                <Button
                  size="small"
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t("common.delete")}
                />
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16}>
      {canEdit && (
        <div>
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t("discipline.add")}
          </Button>
        </div>
      )}
      {disciplines.isError && (
        <Alert type="error" showIcon title={errorMessage(disciplines.error, t)} />
      )}
      <Table<Discipline>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={disciplines.data}
        loading={disciplines.isFetching}
        pagination={false}
        locale={{ emptyText: t("discipline.none") }}
      />
      {adding && (
        <AddDisciplineModal
          memberId={memberId}
          onClose={() => setAdding(false)}
          onAdded={() => {
            setAdding(false);
            void message.success(t("discipline.added"));
          }}
        />
      )}
    </Flex>
  );
}

type Values = {
  form: string;
  issuing_body: string;
  decided_on: Dayjs;
  term_ends_on?: Dayjs | null;
  note?: string;
};

// The forms of discipline of the Party's rules, offered while typing.
const disciplineForms = ["Khiển trách", "Cảnh cáo", "Cách chức", "Khai trừ"];

function AddDisciplineModal({
  memberId,
  onClose,
  onAdded,
}: {
  memberId: number;
  onClose: () => void;
  onAdded: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const add = useAddDiscipline(memberId);
  const problem = useFormProblem(form);

  const submit = (values: Values) => {
    problem.setMessage(null);
    add.mutate(
      {
        form: values.form.trim(),
        issuing_body: values.issuing_body.trim(),
        decided_on: toApiDay(values.decided_on),
        term_ends_on: values.term_ends_on ? toApiDay(values.term_ends_on) : null,
        note: values.note?.trim() ? values.note.trim() : null,
      },
      { onSuccess: onAdded, onError: problem.show },
    );
  };

  return (
    <Modal
      open
      title={t("discipline.add")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={add.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <FormError message={problem.message} />
      <Form form={form} name="discipline" layout="vertical" onFinish={submit}>
        <Form.Item
          name="form"
          label={t("discipline.form")}
          rules={[
            { required: true, whitespace: true, message: t("validation.required") },
            { max: 100, message: t("validation.max", { max: 100 }) },
          ]}
        >
          <AutoComplete options={disciplineForms.map((value) => ({ value }))} />
        </Form.Item>
        <Form.Item
          name="issuing_body"
          label={t("discipline.issuingBody")}
          rules={[
            { required: true, whitespace: true, message: t("validation.required") },
            { max: 200, message: t("validation.max", { max: 200 }) },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="decided_on"
          label={t("discipline.decidedOn")}
          rules={[{ required: true, message: t("validation.required") }]}
        >
          <DatePicker format={dateFormat} disabledDate={isFuture} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item
          name="term_ends_on"
          label={t("discipline.termEndsOn")}
          extra={t("discipline.termEndsOn.hint")}
        >
          <DatePicker format={dateFormat} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item
          name="note"
          label={t("discipline.note")}
          rules={[{ max: 1000, message: t("validation.max", { max: 1000 }) }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
