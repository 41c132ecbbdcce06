import { Alert, App, Button, Drawer, Flex, Form, Input, Select, Spin, Typography } from "antd";
import { useState } from "react";
import { flushSync } from "react-dom";
import { ApiError } from "@/api/problem";
import type { components } from "@/api/schema";
import { FormError } from "@/components/ui/form-error";
import {
  useCollectiveAssessment,
  useRerateCollective,
  type CollectiveAssessment,
  type CollectiveRerate,
} from "@/features/points-year/api/collectives";
import { AppraisalInputs, SelfSummary } from "@/features/points-year/components/appraisal-inputs";
import { DecidedResultCard } from "@/features/points-year/components/decided-result";
import { reasonMax, reasonMin } from "@/features/points-year/decision";
import { clearFieldErrors, showPointsProblem } from "@/features/points-year/form-problem";
import {
  appraisalFieldNames,
  appraisalFieldOf,
  appraisalOf,
  appraisalStart,
  keepMitigatedFound,
  type AppraisalValues,
} from "@/features/points-year/form-values";
import { decisionLevels } from "@/features/points-year/labels";
import { usePointsT } from "@/features/points-year/messages";
import { classificationLevelText } from "@/lib/domain/labels";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage } from "@/lib/problems";

type PointsInfo = components["schemas"]["PointsInfo"];
type NamePath = (string | number)[];

type Values = AppraisalValues & { level?: string | null; reason?: string };

type Props = {
  cycleId: number;
  orgId: number;
  name: string;
  points: PointsInfo | null | undefined;
  onClose: () => void;
};

/**
 * The committee that decided a collective re-rates it (Mẫu 03, C2): the points of frame F1 and
 * the facts appraised again, the grounds, and a level only where the engine leaves one open
 * (S5-gap); an excellent only within C3's limit, the quota as the decision counted it.
 */
export function CollectiveRerateDrawer({ cycleId, orgId, name, points, onClose }: Props) {
  const t = useT();
  const pt = usePointsT();
  const read = useCollectiveAssessment({ cycleId, orgId });
  return (
    <Drawer open size={760} title={pt("rerate.title", { name })} onClose={onClose} destroyOnHidden>
      {read.isPending ? (
        <Spin />
      ) : read.isError ? (
        <Alert type="error" showIcon title={errorMessage(read.error, t)} />
      ) : read.data.decision ? (
        <RerateForm
          assessment={read.data}
          cycleId={cycleId}
          name={name}
          points={points}
          onDone={onClose}
        />
      ) : (
        <Alert type="info" showIcon title={pt("collectives.rerate.notDecided")} />
      )}
    </Drawer>
  );
}

type FormProps = {
  assessment: CollectiveAssessment;
  cycleId: number;
  name: string;
  points: PointsInfo | null | undefined;
  onDone: () => void;
};

function RerateForm({ assessment, cycleId, name, points, onDone }: FormProps) {
  const t = useT();
  const pt = usePointsT();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const rerate = useRerateCollective({ cycleId, orgId: assessment.organization_id });
  const [problem, setProblem] = useState<string | null>(null);
  // The engine leaves the level open (S5-gap): the server asks for one.
  const [asksLevel, setAsksLevel] = useState(false);
  const frame = assessment.frame;
  const appraisalField = appraisalFieldOf(frame);

  const failed = (error: unknown) => {
    const levelErrors =
      error instanceof ApiError ? error.fieldErrors.filter((e) => e.field === "level") : [];
    // `not_allowed`: the points decide after all; any other error on the level shows under it.
    const asks =
      levelErrors.length === 0 ? asksLevel : levelErrors.some((e) => e.code !== "not_allowed");
    if (!asks) form.setFieldValue("level", null);
    // The level's input is there before its error is set on it.
    flushSync(() => setAsksLevel(asks));
    const place = ([head, ...rest]: NamePath): NamePath | null => {
      if (head === "appraisal") {
        const at = appraisalField(rest);
        // The appraisal's note is not asked again here.
        return at && (at[0] === "appraised_points" || at[0] === "facts" || at[0] === "mitigated")
          ? at
          : null;
      }
      if (head === "level") return asks ? ["level"] : null;
      return head === "reason" ? ["reason"] : null;
    };
    setProblem(showPointsProblem(form, error, t, place));
  };

  const send = (values: Values) => {
    setProblem(null);
    clearFieldErrors(form, [...appraisalFieldNames(frame), ["level"], ["reason"]]);
    const body: CollectiveRerate = {
      // The appraisal's note stays as it was.
      appraisal: { ...appraisalOf(assessment, values), note: assessment.appraisal_note ?? null },
      ...(asksLevel ? { level: values.level ?? null } : {}),
      reason: (values.reason ?? "").trim(),
    };
    return rerate
      .mutateAsync(body)
      .then(() => {
        void message.success(pt("rerate.done"));
        onDone();
      })
      .catch(failed);
  };
  const confirm = (values: Values) => {
    void modal.confirm({
      title: pt("collectives.rerate.confirm", { name }),
      content: (
        <Typography.Text strong data-testid="rerate-confirm">
          {pt("rerate.confirmHint")}
        </Typography.Text>
      ),
      okText: pt("rerate.submit"),
      cancelText: t("common.cancel"),
      onOk: () => send(values),
    });
  };

  return (
    <Flex vertical gap={16} data-testid="collective-rerate-form">
      <Typography.Text type="secondary">{pt("collectives.rerate.hint")}</Typography.Text>
      {assessment.decision && (
        <DecidedResultCard
          decision={{ ...assessment.decision, rerated: assessment.reratings.length > 0 }}
          cycleId={cycleId}
          title={pt("outcome.current")}
          facts={points?.facts}
        />
      )}
      <SelfSummary assessment={assessment} />
      <FormError message={problem} />
      <Form<Values>
        form={form}
        layout="vertical"
        // The last appraisal's points and facts, else the collective's own points.
        initialValues={{ ...appraisalStart(assessment), reason: "" }}
        disabled={rerate.isPending}
        onFinish={confirm}
        onValuesChange={(changed: Partial<Values>) => keepMitigatedFound(form, changed)}
      >
        <AppraisalInputs assessment={assessment} points={points} />
        {asksLevel && (
          <Form.Item
            name="level"
            label={pt("rerate.level")}
            rules={[{ required: true, message: pt("rerate.levelRequired") }]}
          >
            <Select
              aria-label={pt("rerate.level")}
              style={{ maxWidth: 360 }}
              options={decisionLevels(["S5-gap"]).map((level) => ({
                value: level,
                label: classificationLevelText(t, level),
              }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={pt("rerate.reason")}
          rules={[
            {
              validator: (_, value: string | undefined) =>
                (value ?? "").trim().length >= reasonMin
                  ? Promise.resolve()
                  : Promise.reject(new Error(pt("rerate.reasonMin"))),
            },
          ]}
        >
          <Input.TextArea
            aria-label={pt("rerate.reason")}
            autoSize={{ minRows: 3 }}
            maxLength={reasonMax}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={rerate.isPending}>
          {pt("rerate.submit")}
        </Button>
      </Form>
    </Flex>
  );
}
