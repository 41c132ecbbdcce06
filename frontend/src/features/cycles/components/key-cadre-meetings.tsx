import { DeleteOutlined, MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from "antd";
import type dayjs from "dayjs";
import { useState } from "react";
import { FormError } from "@/components/ui/form-error";
import type { Cycle } from "@/features/cycles/api/cycles";
import {
  useCreateKeyCadreMeeting,
  useDeleteKeyCadreMeeting,
  useKeyCadreMeetings,
  type KeyCadreAssessment,
  type KeyCadreMeeting,
  type LevelVotes,
} from "@/features/cycles/api/key-cadre-meetings";
import { MemberPicker } from "@/features/cycles/components/member-picker";
import { classificationLevels } from "@/lib/domain/members";
import { classificationLevelText } from "@/lib/domain/labels";
import { formatDay, toApiDay, todayInVietnam } from "@/lib/format";
import type { MessageKey } from "@/lib/i18n/messages";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage, useFormProblem } from "@/lib/problems";

/** O6: the key-cadre meetings of the cycle, where the leaders are assessed and voted on. */
export function KeyCadreMeetings({ cycle }: { cycle: Cycle }) {
  const t = useT();
  const { modal, message } = App.useApp();
  const meetings = useKeyCadreMeetings(cycle.id);
  const remove = useDeleteKeyCadreMeeting(cycle.id);
  const [recording, setRecording] = useState(false);

  const confirmRemove = (meeting: KeyCadreMeeting) => {
    void modal.confirm({
      title: t("keyCadre.delete.confirm", { date: formatDay(meeting.held_on) }),
      okText: t("common.delete"),
      okButtonProps: { danger: true },
      cancelText: t("common.cancel"),
      onOk: () =>
        remove
          .mutateAsync(meeting.id)
          .then(() => void message.success(t("keyCadre.deleted")))
          .catch((error: unknown) => void message.error(errorMessage(error, t))),
    });
  };

  return (
    <Flex vertical gap={16} data-testid="key-cadre-meetings">
      <div>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)}>
          {t("keyCadre.record")}
        </Button>
      </div>
      {meetings.isPending && <Spin />}
      {meetings.isError && (
        <Alert type="error" showIcon title={errorMessage(meetings.error, t)} />
      )}
      {meetings.data?.length === 0 && <Empty description={t("keyCadre.empty")} />}
      {meetings.data?.map((meeting) => (
        <Card
          key={meeting.id}
          size="small"
          data-testid={`key-cadre-meeting-${meeting.id}`}
          title={t(
            meeting.kind === "leaders_review" ? "keyCadre.leadersMeetingOn" : "keyCadre.meetingOn",
            { date: formatDay(meeting.held_on) },
          )}
          extra={
            <Button
              size="small"
              danger
              icon={<DeleteOutlined />}
              onClick={() => confirmRemove(meeting)}
            >
              {t("common.delete")}
            </Button>
          }
        >
          <Descriptions
            size="small"
            column={2}
            items={[
              { key: "chair", label: t("keyCadre.chairedBy"), children: meeting.chaired_by },
              { key: "attendees", label: t("keyCadre.attendees"), children: meeting.attendees },
              ...(meeting.attendee_names.length > 0
                ? [
                    {
                      key: "names",
                      label: t("keyCadre.attendeeNames"),
                      span: 2,
                      children: meeting.attendee_names.join(", "),
                    },
                  ]
                : []),
              {
                key: "opinion",
                label: t("keyCadre.collectiveOpinion"),
                span: 2,
                children: meeting.collective_opinion ?? "—",
              },
              { key: "recorded", label: t("keyCadre.recordedBy"), children: meeting.recorded_by },
            ]}
          />
          <AssessmentsTable assessments={meeting.assessments} />
        </Card>
      ))}
      {recording && <MeetingModal cycle={cycle} onClose={() => setRecording(false)} />}
    </Flex>
  );
}

const voteLevels = classificationLevels;

function voteTitle(level: (typeof voteLevels)[number]): MessageKey {
  return `keyCadre.votes.${level}`;
}

function AssessmentsTable({ assessments }: { assessments: KeyCadreAssessment[] }) {
  const t = useT();
  return (
    <Table<KeyCadreAssessment>
      size="small"
      rowKey="member_id"
      pagination={false}
      scroll={{ x: true }}
      dataSource={assessments}
      columns={[
        { title: t("keyCadre.member"), dataIndex: "member_name" },
        { title: t("keyCadre.opinion"), dataIndex: "opinion" },
        ...voteLevels.map((level) => ({
          title: t(voteTitle(level)),
          key: level,
          align: "right" as const,
          render: (_: unknown, row: KeyCadreAssessment) => row.votes[level] ?? 0,
        })),
        {
          title: t("keyCadre.proposedLevel"),
          dataIndex: "proposed_level",
          render: (level: string) => <Tag color="blue">{classificationLevelText(t, level)}</Tag>,
        },
      ]}
    />
  );
}

type AssessmentValues = {
  member_id?: number;
  opinion: string;
  votes: LevelVotes;
  proposed_level?: string | null;
};

type Values = {
  kind: "key_cadre" | "leaders_review";
  attendee_names?: string[];
  held_on: dayjs.Dayjs;
  chaired_by: string;
  attendees: number;
  collective_opinion?: string;
  assessments: AssessmentValues[];
};

const noVotes: Required<LevelVotes> = { excellent: 0, good: 0, completed: 0, not_completed: 0 };

/** The votes per level of one leader, as one form value (422 errors name `…votes`). */
function VotesInput({
  value = noVotes,
  onChange,
}: {
  value?: LevelVotes;
  onChange?: (value: LevelVotes) => void;
}) {
  const t = useT();
  return (
    <Space wrap>
      {voteLevels.map((level) => (
        <InputNumber
          key={level}
          min={0}
          precision={0}
          aria-label={t(voteTitle(level))}
          prefix={t(voteTitle(level))}
          style={{ width: 150 }}
          value={value[level] ?? 0}
          onChange={(count) => onChange?.({ ...value, [level]: count ?? 0 })}
        />
      ))}
    </Space>
  );
}

function MeetingModal({ cycle, onClose }: { cycle: Cycle; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateKeyCadreMeeting(cycle.id);
  const problem = useFormProblem(form);
  const required = { required: true, message: t("validation.required") };

  const submit = (values: Values) => {
    problem.setMessage(null);
    create.mutate(
      {
        held_on: toApiDay(values.held_on),
        chaired_by: values.chaired_by.trim(),
        attendees: values.attendees,
        kind: values.kind,
        attendee_names: (values.attendee_names ?? []).map((name) => name.trim()),
        collective_opinion: values.collective_opinion?.trim() || null,
        assessments: values.assessments.map((assessment) => ({
          member_id: assessment.member_id as number,
          opinion: assessment.opinion.trim(),
          votes: { ...noVotes, ...assessment.votes },
          // Empty: the server proposes the level with the most votes (a tie goes lower).
          proposed_level: assessment.proposed_level ?? null,
        })),
      },
      {
        onSuccess: () => {
          void message.success(t("keyCadre.recorded"));
          onClose();
        },
        onError: problem.show,
      },
    );
  };

  return (
    <Modal
      open
      width={820}
      title={t("keyCadre.record")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <FormError message={problem.message} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={create.isPending}
        initialValues={{
          kind: "key_cadre",
          attendee_names: [],
          held_on: todayInVietnam(),
          assessments: [{ opinion: "", votes: noVotes, proposed_level: null }],
        }}
      >
        <Form.Item name="kind" label={t("keyCadre.kind")}>
          <Radio.Group
            options={[
              { value: "key_cadre", label: t("keyCadre.kind.key_cadre") },
              { value: "leaders_review", label: t("keyCadre.kind.leaders_review") },
            ]}
          />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item name="held_on" label={t("keyCadre.heldOn")} rules={[required]}>
            <DatePicker format="DD/MM/YYYY" />
          </Form.Item>
          <Form.Item
            name="chaired_by"
            label={t("keyCadre.chairedBy")}
            style={{ flex: 1, minWidth: 220 }}
            rules={[{ ...required, whitespace: true }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="attendees" label={t("keyCadre.attendees")} rules={[required]}>
            <InputNumber min={1} precision={0} />
          </Form.Item>
        </Flex>
        <Form.Item
          name="attendee_names"
          label={t("keyCadre.attendeeNames")}
          extra={t("keyCadre.attendeeNames.help")}
        >
          <Select mode="tags" tokenSeparators={[",", ";"]} open={false} suffixIcon={null} />
        </Form.Item>
        <Form.Item name="collective_opinion" label={t("keyCadre.collectiveOpinion")}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Typography.Title level={5}>{t("keyCadre.assessments")}</Typography.Title>
        <Form.List name="assessments">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map(({ key, name }) => (
                <Card
                  key={key}
                  size="small"
                  data-testid={`assessment-${name}`}
                  extra={
                    fields.length > 1 && (
                      <Button
                        size="small"
                        type="text"
                        icon={<MinusCircleOutlined />}
                        aria-label={t("keyCadre.removeAssessment")}
                        onClick={() => remove(name)}
                      />
                    )
                  }
                  title={t("keyCadre.assessment", { n: name + 1 })}
                >
                  <Form.Item
                    name={[name, "member_id"]}
                    label={t("keyCadre.member")}
                    rules={[required]}
                  >
                    <MemberPicker organizationId={cycle.organization_id} />
                  </Form.Item>
                  <Form.Item
                    name={[name, "opinion"]}
                    label={t("keyCadre.opinion")}
                    rules={[{ ...required, whitespace: true }]}
                  >
                    <Input.TextArea rows={2} />
                  </Form.Item>
                  <Form.Item name={[name, "votes"]} label={t("keyCadre.votes")}>
                    <VotesInput />
                  </Form.Item>
                  <Form.Item
                    name={[name, "proposed_level"]}
                    label={t("keyCadre.proposedLevel")}
                    extra={t("keyCadre.proposedLevel.hint")}
                  >
                    <Select
                      allowClear
                      options={classificationLevels.map((level) => ({
                        value: level,
                        label: classificationLevelText(t, level),
                      }))}
                    />
                  </Form.Item>
                </Card>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ opinion: "", votes: noVotes, proposed_level: null })}
              >
                {t("keyCadre.addAssessment")}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
