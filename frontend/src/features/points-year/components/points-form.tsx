import { ReloadOutlined, SaveOutlined, SendOutlined } from "@ant-design/icons";
import { Alert, App, Button, Flex, Form, Input, Select, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { ApiError } from "@/api/problem";
import type { components } from "@/api/schema";
import { DownloadButton } from "@/components/ui/download-button";
import { FormError } from "@/components/ui/form-error";
import {
  downloadAssessment,
  useRefreshPointAssessment,
  useSavePointAssessment,
  type PointAssessment,
  type SaveAssessment,
} from "@/features/points-year/api/points";
import { AppraisalSummary } from "@/features/points-year/components/appraisal-summary";
import { DecidedResultCard } from "@/features/points-year/components/decided-result";
import { PointsItems } from "@/features/points-year/components/points-items";
import { IndicatedLevel } from "@/features/points-year/components/result-parts";
import { ShortcomingsFields, TasksFields } from "@/features/points-year/components/self-fields";
import { clearFieldErrors, showPointsProblem } from "@/features/points-year/form-problem";
import {
  countsOf,
  proposedLevels,
  selfFieldNames,
  selfFieldOf,
  selfValues,
  shortcomingFields,
  taskFields,
  tenthsOf,
  type SelfValues,
} from "@/features/points-year/form-values";
import {
  assessmentStatusColor,
  assessmentStatusText,
  hasAppraisal,
  isSubmitted,
} from "@/features/points-year/labels";
import { usePointsT } from "@/features/points-year/messages";
import { classificationLevelText } from "@/lib/domain/labels";
import { formatDateTime } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";

type PointsInfo = components["schemas"]["PointsInfo"];
type FrameInfo = components["schemas"]["FrameInfo"];

/** Why the form only shows: the cycle is closed, or the caller only reads members' forms. */
export type ReadOnlyReason = "closed" | "readOnly" | null;

type Props = {
  assessment: PointAssessment;
  /** The tag of `assessment` as read (its ETag, "" when unknown), named by a save. */
  etag: string;
  cycleId: number;
  memberId: number;
  period: number;
  readOnly: ReadOnlyReason;
  /** The rule set's points data (the frames to choose from, the facts' labels), if read. */
  points: PointsInfo | null | undefined;
};

/**
 * A person's own points form (Mẫu 2A, 2B, 2C; Mẫu 05 for a quarter): the items of their frame,
 * the tasks, the shortcomings, their own words and level; saved as a draft, then submitted
 * once (read-only after, with the appraisal when there is one, and the result once decided).
 * A save names the form as read: when somebody else saved it meanwhile, nothing is replaced and
 * the form is to be read again.
 */
export function PointsForm(props: Props) {
  const { assessment, etag, cycleId, memberId, period, readOnly, points } = props;
  const t = useT();
  const pt = usePointsT();
  const { modal, message } = App.useApp();
  const [form] = Form.useForm<SelfValues>();
  const key = { cycleId, memberId, period };
  const save = useSavePointAssessment(key);
  const refresh = useRefreshPointAssessment(key);
  const [problem, setProblem] = useState<string | null>(null);
  // Somebody else saved the form since it was read (412): read it again before saving.
  const [stale, setStale] = useState(false);
  const submitted = isSubmitted(assessment.status);
  const locked = submitted || readOnly !== null;
  // S1: F2–F5 for a person (F1 is the collectives').
  const frames = (points?.frames ?? []).filter((frame) => frame.frame !== "F1");
  const pickFrame = !locked && frames.length > 1;
  const chosen = Form.useWatch<string | undefined>("frame", { form, preserve: true });
  const frame = frames.find((f) => f.frame === chosen) ?? assessment.frame;
  const frameText = (f: FrameInfo) =>
    pt("form.frameText", { frame: f.frame, form: f.form, who: f.who });

  const body = (submit: boolean): SaveAssessment => {
    const values = form.getFieldsValue(true) as SelfValues;
    return {
      frame: frame.frame,
      self_points: tenthsOf(frame, values.self_points),
      tasks: countsOf(taskFields, values.tasks),
      shortcomings: countsOf(shortcomingFields, values.shortcomings),
      narrative: values.narrative ?? "",
      proposed_level: values.proposed_level ?? null,
      submit,
    };
  };
  const run = (submit: boolean) => {
    setProblem(null);
    clearFieldErrors(form, selfFieldNames(frame));
    return save
      .mutateAsync({ body: body(submit), etag })
      .then(() => void message.success(pt(submit ? "submitted" : "saved")))
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 412) {
          setStale(true);
          return;
        }
        // Submitted meanwhile (the paper form entered by the branch): read it again, locked.
        if (error instanceof ApiError && error.code === "already_submitted") void refresh();
        setProblem(showPointsProblem(form, error, t, selfFieldOf(frame, pickFrame)));
      });
  };
  const confirmSubmit = () => {
    void modal.confirm({
      title: pt("submit.confirm"),
      content: pt("submit.confirmHint"),
      okText: pt("submit"),
      cancelText: t("common.cancel"),
      onOk: () => run(true),
    });
  };

  return (
    <Flex vertical gap={16}>
      <Space wrap>
        <Tag data-testid="points-status" color={assessmentStatusColor(assessment.status)}>
          {assessmentStatusText(pt, assessment.status)}
        </Tag>
        {assessment.on_behalf && <Tag color="orange">{pt("form.onBehalf")}</Tag>}
        {assessment.submitted_at && (
          <Typography.Text type="secondary">
            {pt("form.submittedAt", { time: formatDateTime(assessment.submitted_at) })}
          </Typography.Text>
        )}
        {assessment.status !== "not_started" && (
          <DownloadButton
            label={pt("form.download")}
            download={() => downloadAssessment(key)}
          />
        )}
      </Space>
      {assessment.decision && (
        <DecidedResultCard
          decision={assessment.decision}
          cycleId={cycleId}
          memberId={memberId}
          facts={points?.facts}
        />
      )}
      {submitted ? (
        <Alert type="info" showIcon title={pt("form.locked")} />
      ) : (
        readOnly && <Alert type="info" showIcon title={pt(`form.${readOnly}`)} />
      )}
      {stale && (
        <Alert
          type="warning"
          showIcon
          data-testid="points-stale"
          title={pt("form.stale.title")}
          description={pt("form.stale.description")}
          action={
            <Button icon={<ReloadOutlined />} onClick={() => void refresh()}>
              {pt("form.stale.reload")}
            </Button>
          }
        />
      )}
      <FormError message={problem} />
      <Form<SelfValues>
        form={form}
        layout="vertical"
        disabled={locked || save.isPending}
        initialValues={selfValues(assessment)}
      >
        {pickFrame ? (
          <Form.Item name="frame" label={pt("form.frame")}>
            <Select
              style={{ maxWidth: 720 }}
              options={frames.map((f) => ({ value: f.frame, label: frameText(f) }))}
            />
          </Form.Item>
        ) : (
          <Typography.Paragraph data-testid="points-frame">
            <Typography.Text strong>{pt("form.frame")}: </Typography.Text>
            {frameText(frame)}
          </Typography.Paragraph>
        )}
        <PointsItems
          frame={frame}
          name="self_points"
          inputTitle={pt("items.self")}
          compare={
            assessment.appraised_points
              ? [{ title: pt("items.appraised"), points: assessment.appraised_points }]
              : []
          }
        />
        <Flex vertical gap={8} style={{ marginTop: 16 }}>
          <TasksFields />
          <ShortcomingsFields />
        </Flex>
        <Form.Item name="narrative" label={pt("narrative")}>
          <Input.TextArea autoSize={{ minRows: 4 }} maxLength={20000} />
        </Form.Item>
        <Form.Item name="proposed_level" label={pt("proposed")}>
          <Select
            allowClear
            style={{ maxWidth: 360 }}
            options={proposedLevels.map((level) => ({
              value: level,
              label: classificationLevelText(t, level),
            }))}
          />
        </Form.Item>
      </Form>
      <IndicatedLevel assessment={assessment} facts={points?.facts} />
      {hasAppraisal(assessment) && (
        <AppraisalSummary assessment={assessment} facts={points?.facts} />
      )}
      {!locked && (
        <Space>
          <Button
            icon={<SaveOutlined />}
            loading={save.isPending && save.variables.body.submit === false}
            disabled={save.isPending}
            onClick={() => void run(false)}
          >
            {pt("save")}
          </Button>
          <Button
            type="primary"
            icon={<SendOutlined />}
            loading={save.isPending && save.variables.body.submit === true}
            disabled={save.isPending}
            onClick={confirmSubmit}
          >
            {pt("submit")}
          </Button>
        </Space>
      )}
    </Flex>
  );
}
