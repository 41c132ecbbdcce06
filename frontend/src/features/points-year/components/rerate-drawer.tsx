import { Alert, App, Button, Drawer, Flex, Form, Input, Select, Spin, Typography } from "antd";
import { useState } from "react";
import { flushSync } from "react-dom";
import { ApiError } from "@/api/problem";
import type { components } from "@/api/schema";
import { FormError } from "@/components/ui/form-error";
import {
  usePointAssessment,
  useRerate,
  type PointAssessment,
  type PointsReratingInput,
} from "@/features/points-year/api/points";
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
  memberId: number;
  name: string;
  points: PointsInfo | null | undefined;
  /** S7: the quota in force on the board (raised for outstanding results). */
  outstanding: boolean;
  /** The quota's percent of G in force, when known. */
  percent?: number;
  onClose: () => void;
};

/**
 * The competent level re-rates a decided member (Mẫu 03, S10): the points and violations
 * appraised again, a reason, and a level only where the engine leaves one open (S5-gap).
 */
export function RerateDrawer({ cycleId, memberId, name, onClose, ...rest }: Props) {
  const t = useT();
  const pt = usePointsT();
  const read = usePointAssessment({ cycleId, memberId, period: 0 });
  return (
    <Drawer open size={760} title={pt("rerate.title", { name })} onClose={onClose} destroyOnHidden>
      {read.isPending ? (
        <Spin />
      ) : read.isError ? (
        <Alert type="error" showIcon title={errorMessage(read.error, t)} />
      ) : read.data.assessment.status === "decided" ? (
        <RerateForm
          {...rest}
          assessment={read.data.assessment}
          cycleId={cycleId}
          name={name}
          onDone={onClose}
        />
      ) : (
        <Alert type="info" showIcon title={pt("rerate.notDecided")} />
      )}
    </Drawer>
  );
}

type FormProps = Omit<Props, "memberId" | "onClose"> & {
  assessment: PointAssessment;
  onDone: () => void;
};

function RerateForm(props: FormProps) {
  const { assessment, cycleId, name, points, outstanding, percent, onDone } = props;
  const t = useT();
  const pt = usePointsT();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const rerate = useRerate(cycleId, assessment.member_id);
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
        // The appraised level and the note are not asked again here.
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
    const body: PointsReratingInput = {
      // The appraisal's level proposed and its note stay as they were.
      appraisal: {
        ...appraisalOf(assessment, values),
        appraised_level: assessment.appraised_level ?? null,
        note: assessment.appraisal_note ?? null,
      },
      ...(asksLevel ? { level: values.level ?? null } : {}),
      outstanding,
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
      title: pt("rerate.confirm", { name }),
      content: (
        <Flex vertical gap={8} data-testid="rerate-confirm">
          <Typography.Text strong>{pt("rerate.confirmHint")}</Typography.Text>
          {percent !== undefined && (
            <Typography.Text>{pt("decision.quota", { percent })}</Typography.Text>
          )}
        </Flex>
      ),
      okText: pt("rerate.submit"),
      cancelText: t("common.cancel"),
      onOk: () => send(values),
    });
  };

  return (
    <Flex vertical gap={16} data-testid="rerate-form">
      <Typography.Text type="secondary">{pt("rerate.hint")}</Typography.Text>
      {assessment.decision && (
        <DecidedResultCard
          decision={assessment.decision}
          cycleId={cycleId}
          memberId={assessment.member_id}
          title={pt("outcome.current")}
          facts={points?.facts}
        />
      )}
      <SelfSummary assessment={assessment} />
      <FormError message={problem} />
      <Form<Values>
        form={form}
        layout="vertical"
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
