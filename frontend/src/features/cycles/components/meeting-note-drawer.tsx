import { Alert, App, Button, DatePicker, Drawer, Flex, Form, Input } from "antd";
import dayjs from "dayjs";
import { FormError } from "@/components/ui/form-error";
import {
  usePutMeetingNote,
  type MeetingNoteInput,
  type RollMember,
  type VotingSession,
} from "@/features/cycles/api/voting";
import { useCyclesT } from "@/features/cycles/messages";
import { formatDay, toApiDay } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { useFormProblem } from "@/lib/problems";

type Values = { opinions: string; shortcomings: string; remedy_by: dayjs.Dayjs | null };

function text(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? "";
  return trimmed === "" ? null : trimmed;
}

/**
 * What the branch meeting said of one member of the roll: the branch's opinions (D2) and, for a
 * member classified completed, the shortcomings to remedy with a date after the meeting (M9).
 * All empty clears the note.
 */
export function MeetingNoteDrawer({
  session,
  member,
  completed,
  onClose,
}: {
  session: VotingSession;
  member: RollMember;
  /** The live outcome classifies the member completed: shortcomings are required at finalize. */
  completed: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const ct = useCyclesT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = usePutMeetingNote(session.id);
  const problem = useFormProblem(form);
  const heldOn = dayjs(session.held_on);
  const note = member.note;

  const submit = (values: Values) => {
    problem.setMessage(null);
    const body: MeetingNoteInput = {
      opinions: text(values.opinions),
      shortcomings: text(values.shortcomings),
      remedy_by: values.remedy_by ? toApiDay(values.remedy_by) : null,
    };
    save.mutate(
      { memberId: member.member_id, note: body },
      {
        onSuccess: (record) => {
          void message.success(ct(record === null ? "note.cleared" : "note.saved"));
          onClose();
        },
        onError: problem.show,
      },
    );
  };

  return (
    <Drawer
      open
      size={520}
      title={ct("note.title", { name: member.full_name })}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Flex gap={8} justify="end">
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {t("common.save")}
          </Button>
        </Flex>
      }
    >
      {completed && (
        <Alert
          type="warning"
          showIcon
          title={ct("note.completedHint")}
          style={{ marginBottom: 16 }}
        />
      )}
      <FormError message={problem.message} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={save.isPending}
        initialValues={{
          opinions: note?.opinions ?? "",
          shortcomings: note?.shortcomings ?? "",
          remedy_by: note?.remedy_by ? dayjs(note.remedy_by) : null,
        }}
      >
        <Form.Item name="opinions" label={ct("note.opinions")}>
          <Input.TextArea rows={5} maxLength={8000} />
        </Form.Item>
        <Form.Item
          name="shortcomings"
          label={ct("note.shortcomings")}
          dependencies={["remedy_by"]}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                getFieldValue("remedy_by") && text(value) === null
                  ? Promise.reject(new Error(ct("note.shortcomings.required")))
                  : Promise.resolve(),
            }),
          ]}
        >
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
        <Form.Item
          name="remedy_by"
          label={ct("note.remedyBy")}
          extra={ct("note.remedyBy.hint", { date: formatDay(session.held_on) })}
          dependencies={["shortcomings"]}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, value: dayjs.Dayjs | null | undefined) =>
                !value && text(getFieldValue("shortcomings") as string | undefined) !== null
                  ? Promise.reject(new Error(ct("note.remedyBy.required")))
                  : Promise.resolve(),
            }),
          ]}
        >
          <DatePicker
            format="DD/MM/YYYY"
            style={{ width: 200 }}
            // The date to remedy them comes after the meeting.
            disabledDate={(day) => !day.isAfter(heldOn, "day")}
          />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
