import {
  DeleteOutlined,
  EditOutlined,
  MinusCircleOutlined,
  PlusOutlined,
  SendOutlined,
} from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { ApiError } from "@/api/problem";
import { FormError } from "@/components/ui/form-error";
import { VersionedFormModal } from "@/components/ui/versioned-form-modal";
import type { Cycle } from "@/features/cycles/api/cycles";
import {
  useCreateReviewMeeting,
  useDeleteReviewMeeting,
  useNotifyReviewMeeting,
  useReviewMeetings,
  useUpdateReviewMeeting,
  type Invitee,
  type ReviewMeeting,
  type ReviewMeetingInput,
} from "@/features/cycles/api/review-meetings";
import { useCyclesT } from "@/features/cycles/messages";
import { formatDate } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage, staleOn412, useFormProblem } from "@/lib/problems";

// The meeting's time is local to Vietnam, without a zone ("2026-12-10T08:00:00").
const apiTimeFormat = "YYYY-MM-DDTHH:mm:ss";
const shownTimeFormat = "DD/MM/YYYY HH:mm";

/** A meeting's local time as people read it. */
function formatMeetingTime(value: string): string {
  return dayjs(value).format(shownTimeFormat);
}

const forbidden = (error: unknown) => error instanceof ApiError && error.status === 403;

/**
 * Guidance C.4: the review meetings the committee holds, the superior's representatives it
 * invites, and whether the superior was notified. `writes`: the cycle's own committee (the API
 * has the last word: a 403 on a write hides the buttons).
 */
export function ReviewMeetings({ cycle, writes }: { cycle: Cycle; writes: boolean }) {
  const t = useT();
  const ct = useCyclesT();
  const { modal, message } = App.useApp();
  const meetings = useReviewMeetings(cycle.id);
  const remove = useDeleteReviewMeeting(cycle.id);
  const notify = useNotifyReviewMeeting(cycle.id);
  const [refused, setRefused] = useState(false);
  const [editing, setEditing] = useState<ReviewMeeting | "new" | null>(null);
  const canWrite = writes && !refused;

  const failed = (error: unknown) => {
    if (forbidden(error)) setRefused(true);
    if (error instanceof ApiError && error.status === 412) {
      void message.error(ct("reviewMeetings.stale"));
      return;
    }
    void message.error(errorMessage(error, t));
  };

  const confirmRemove = (meeting: ReviewMeeting) => {
    void modal.confirm({
      title: ct("reviewMeetings.delete.confirm", { subject: meeting.subject }),
      okText: t("common.delete"),
      okButtonProps: { danger: true },
      cancelText: t("common.cancel"),
      onOk: () =>
        remove
          .mutateAsync(meeting.id)
          .then(() => void message.success(ct("reviewMeetings.deleted")))
          .catch(failed),
    });
  };

  const confirmNotify = (meeting: ReviewMeeting) => {
    void modal.confirm({
      title: ct("reviewMeetings.notify.confirm", {
        names: meeting.invited.map((invitee) => invitee.name).join(", "),
      }),
      okText: ct("reviewMeetings.notify"),
      cancelText: t("common.cancel"),
      onOk: () =>
        notify
          .mutateAsync({ meetingId: meeting.id, version: meeting.version })
          .then(() => void message.success(ct("reviewMeetings.notify.done")))
          .catch(failed),
    });
  };

  if (meetings.isError && forbidden(meetings.error)) return null;

  return (
    <Flex vertical gap={16} data-testid="review-meetings">
      {canWrite && (
        <div>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")}>
            {ct("reviewMeetings.schedule")}
          </Button>
        </div>
      )}
      {meetings.isPending && <Spin />}
      {meetings.isError && (
        <Alert type="error" showIcon title={errorMessage(meetings.error, t)} />
      )}
      {meetings.data?.length === 0 && <Empty description={ct("reviewMeetings.empty")} />}
      {meetings.data !== undefined && meetings.data.length > 0 && (
        <Table<ReviewMeeting>
          size="small"
          rowKey="id"
          pagination={false}
          scroll={{ x: true }}
          dataSource={meetings.data}
          columns={[
            {
              title: ct("reviewMeetings.heldAt"),
              dataIndex: "held_at",
              render: (heldAt: string) => formatMeetingTime(heldAt),
            },
            { title: ct("reviewMeetings.subject"), dataIndex: "subject" },
            { title: ct("reviewMeetings.place"), dataIndex: "place" },
            {
              title: ct("reviewMeetings.invited"),
              key: "invited",
              render: (_: unknown, meeting: ReviewMeeting) =>
                meeting.invited.length === 0 ? (
                  <Typography.Text type="secondary">
                    {ct("reviewMeetings.noInvitees")}
                  </Typography.Text>
                ) : (
                  <Flex vertical gap={2}>
                    {meeting.invited.map((invitee, index) => (
                      <span key={index}>
                        {ct("reviewMeetings.invitee", { name: invitee.name, body: invitee.body })}
                      </span>
                    ))}
                  </Flex>
                ),
            },
            {
              title: ct("reviewMeetings.notice"),
              key: "notice",
              render: (_: unknown, meeting: ReviewMeeting) =>
                meeting.notified_at ? (
                  <Tag color="green">
                    {ct("reviewMeetings.notified", { date: formatDate(meeting.notified_at) })}
                  </Tag>
                ) : (
                  <Tag color="orange">{ct("reviewMeetings.notNotified")}</Tag>
                ),
            },
            ...(canWrite
              ? [
                  {
                    title: t("common.actions"),
                    key: "actions",
                    render: (_: unknown, meeting: ReviewMeeting) => (
                      <Space size={4} wrap>
                        <Button
                          size="small"
                          icon={<EditOutlined />}
                          onClick={() => setEditing(meeting)}
                        >
                          {ct("reviewMeetings.edit")}
                        </Button>
                        {!meeting.notified_at && (
                          <Button
                            size="small"
                            icon={<SendOutlined />}
                            onClick={() => confirmNotify(meeting)}
                          >
                            {ct("reviewMeetings.notify")}
                          </Button>
                        )}
                        <Button
                          size="small"
                          danger
                          icon={<DeleteOutlined />}
                          onClick={() => confirmRemove(meeting)}
                        >
                          {t("common.delete")}
                        </Button>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {editing !== null && (
        <MeetingModal
          cycle={cycle}
          meeting={editing === "new" ? null : editing}
          latest={
            editing === "new"
              ? undefined
              : meetings.data?.find((meeting) => meeting.id === editing.id)
          }
          onRefused={() => setRefused(true)}
          onClose={() => setEditing(null)}
        />
      )}
    </Flex>
  );
}

type Values = {
  subject: string;
  held_at: dayjs.Dayjs | null;
  place: string;
  invited: Invitee[];
};

function valuesOf(meeting: ReviewMeeting | null): Values {
  if (meeting === null) {
    return { subject: "", held_at: null, place: "", invited: [{ name: "", body: "" }] };
  }
  return {
    subject: meeting.subject,
    held_at: dayjs(meeting.held_at),
    place: meeting.place,
    invited: meeting.invited.map((invitee) => ({ ...invitee })),
  };
}

/** Whether the time or the place differs from the meeting's: the notice would be withdrawn. */
function movesMeeting(
  meeting: ReviewMeeting | null,
  heldAt: dayjs.Dayjs | null | undefined,
  place: string | undefined,
): boolean {
  if (meeting === null) return false;
  // Undefined: the form has not given its values yet (nothing changed).
  const timeMoved =
    heldAt !== undefined &&
    (heldAt === null ? null : heldAt.format(apiTimeFormat)) !==
      dayjs(meeting.held_at).format(apiTimeFormat);
  const placeMoved = place !== undefined && place.trim() !== meeting.place;
  return timeMoved || placeMoved;
}

/**
 * Schedules a meeting (`meeting` null) or changes one on the version read; `latest` is the
 * meeting as the list now reads it, to start again from after a 412.
 */
function MeetingModal({
  cycle,
  meeting,
  latest,
  onRefused,
  onClose,
}: {
  cycle: Cycle;
  meeting: ReviewMeeting | null;
  latest: ReviewMeeting | undefined;
  onRefused: () => void;
  onClose: () => void;
}) {
  const t = useT();
  const ct = useCyclesT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateReviewMeeting(cycle.id);
  const update = useUpdateReviewMeeting(cycle.id);
  const problem = useFormProblem(form);
  const [base, setBase] = useState(meeting);
  const [stale, setStale] = useState(false);
  const heldAt = Form.useWatch("held_at", form);
  const place = Form.useWatch("place", form);
  const pending = create.isPending || update.isPending;
  const required = { required: true, message: t("validation.required") };
  // A notified meeting moved: the notice is withdrawn on saving.
  const renotify =
    base !== null && Boolean(base.notified_at) && movesMeeting(base, heldAt, place);

  const reload = () => {
    if (latest === undefined) return;
    setBase(latest);
    form.resetFields();
    form.setFieldsValue(valuesOf(latest));
    setStale(false);
    problem.setMessage(null);
  };

  const submit = (values: Values) => {
    problem.setMessage(null);
    setStale(false);
    const body: ReviewMeetingInput = {
      version: base?.version ?? 0,
      subject: values.subject.trim(),
      held_at: values.held_at ? values.held_at.format(apiTimeFormat) : "",
      place: values.place.trim(),
      invited: (values.invited ?? []).map((invitee) => ({
        name: invitee.name.trim(),
        body: invitee.body.trim(),
      })),
    };
    const done = {
      onSuccess: (saved: unknown) => {
        const wasNotified = base !== null && Boolean(base.notified_at);
        const notified = (saved as ReviewMeeting | undefined)?.notified_at;
        if (wasNotified && !notified) void message.warning(ct("reviewMeetings.renotify"));
        else {
          void message.success(
            ct(base === null ? "reviewMeetings.scheduled" : "reviewMeetings.updated"),
          );
        }
        onClose();
      },
      onError: staleOn412(setStale, (error) => {
        if (forbidden(error)) onRefused();
        problem.show(error);
      }),
    };
    if (base === null) create.mutate(body, done);
    else update.mutate({ meetingId: base.id, body }, done);
  };

  return (
    <VersionedFormModal
      width={720}
      title={ct(base === null ? "reviewMeetings.schedule" : "reviewMeetings.editTitle")}
      pending={pending}
      stale={stale}
      staleTitle={ct("reviewMeetings.stale")}
      reloadLabel={ct("reviewMeetings.stale.reload")}
      baseVersion={base?.version}
      latestVersion={latest?.version}
      onReload={reload}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      {renotify && (
        <Alert
          type="info"
          showIcon
          title={ct("reviewMeetings.renotify")}
          style={{ marginBottom: 16 }}
          data-testid="review-meeting-renotify"
        />
      )}
      <FormError message={problem.message} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={pending}
        initialValues={valuesOf(meeting)}
      >
        <Form.Item
          name="subject"
          label={ct("reviewMeetings.subject")}
          rules={[{ ...required, whitespace: true }]}
        >
          <Input />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item name="held_at" label={ct("reviewMeetings.heldAt")} rules={[required]}>
            <DatePicker
              showTime={{ format: "HH:mm" }}
              format={shownTimeFormat}
              // A typed or picked time is kept without an OK click.
              needConfirm={false}
            />
          </Form.Item>
          <Form.Item
            name="place"
            label={ct("reviewMeetings.place")}
            rules={[{ ...required, whitespace: true }]}
            style={{ flex: 1, minWidth: 240 }}
          >
            <Input />
          </Form.Item>
        </Flex>
        <Typography.Text strong>{ct("reviewMeetings.invited")}</Typography.Text>
        <Form.List name="invited">
          {(fields, { add, remove }) => (
            <Flex vertical gap={0} style={{ marginTop: 8 }}>
              {fields.map((field, index) => (
                <Flex key={field.key} gap={8} align="start" data-testid={`invitee-${index}`}>
                  <Form.Item
                    name={[field.name, "name"]}
                    label={ct("reviewMeetings.invitee.name", { n: index + 1 })}
                    rules={[{ ...required, whitespace: true }]}
                    style={{ flex: 1 }}
                  >
                    <Input placeholder={ct("reviewMeetings.invitee.namePlaceholder")} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, "body"]}
                    label={ct("reviewMeetings.invitee.body", { n: index + 1 })}
                    rules={[{ ...required, whitespace: true }]}
                    style={{ flex: 1 }}
                  >
                    <Input placeholder={ct("reviewMeetings.invitee.bodyPlaceholder")} />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    aria-label={ct("reviewMeetings.invitee.remove", { n: index + 1 })}
                    onClick={() => remove(field.name)}
                    style={{ marginTop: 30 }}
                  />
                </Flex>
              ))}
              <div>
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ name: "", body: "" })}
                >
                  {ct("reviewMeetings.invitee.add")}
                </Button>
              </div>
            </Flex>
          )}
        </Form.List>
      </Form>
    </VersionedFormModal>
  );
}
