import {
  Alert,
  App,
  Button,
  Checkbox,
  Descriptions,
  Drawer,
  Flex,
  Form,
  InputNumber,
  Select,
  Spin,
  Table,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { FormError } from "@/components/ui/form-error";
import {
  useCancellations,
  useOrgAssessment,
  useReviewAssessment,
  useSaveSelfAssessment,
  type OrgAssessment,
  type SheetKey,
} from "@/features/org-classification/api/org-classification";
import type { OrgSheetInfo } from "@/features/org-classification/api/rule-sets";
import {
  hasRecognition,
  levelOfTotal,
  orgLevelColor,
  orgLevelText,
  sheetStatusColor,
  sheetStatusText,
  unitRatings,
  unitRatingText,
  type SheetMode,
} from "@/features/org-classification/components/labels";
import {
  CancellationList,
  CancelRecognitionModal,
} from "@/features/org-classification/components/recognition-cancellation";
import { useOrgT } from "@/features/org-classification/messages";
import { formatDateTime } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage, useFormProblem } from "@/lib/problems";

type Props = SheetKey & {
  mode: SheetMode;
  /** The cycle's rule set's sheet (its cut-offs), or undefined while unknown. */
  sheet: OrgSheetInfo | undefined;
  ruleSetName: string;
  onClose: () => void;
};

/** One organisation's self-assessment sheet (O4), scored by itself or by the committee above. */
export function AssessmentDrawer({ cycleId, orgId, mode, sheet, ruleSetName, onClose }: Props) {
  const t = useT();
  const ot = useOrgT();
  const assessment = useOrgAssessment({ cycleId, orgId });
  const data = assessment.data;
  return (
    <Drawer
      open
      size="large"
      title={data ? ot("sheet.title", { name: data.name }) : ot("orgClass.ownSheet")}
      onClose={onClose}
      destroyOnHidden
    >
      {assessment.isPending && <Spin />}
      {assessment.isError && (
        <Alert type="error" showIcon title={errorMessage(assessment.error, t)} />
      )}
      {data && (
        <SheetForm
          cycleId={cycleId}
          orgId={orgId}
          mode={mode}
          sheet={sheet}
          ruleSetName={ruleSetName}
          assessment={data}
        />
      )}
    </Drawer>
  );
}

type Points = Record<string, number | null | undefined>;
type Values = {
  self_points?: Points;
  superior_points?: Points;
  exemplary?: boolean;
  unit_rating?: string | null;
};

/** The points entered, without the blanks (the API names each missing one). */
function enteredPoints(points: Points | undefined): Record<string, number> {
  return Object.fromEntries(
    Object.entries(points ?? {}).filter((entry): entry is [string, number] => entry[1] != null),
  );
}

function SheetForm({
  cycleId,
  orgId,
  mode,
  sheet,
  ruleSetName,
  assessment,
}: Omit<Props, "onClose"> & { assessment: OrgAssessment }) {
  const t = useT();
  const ot = useOrgT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const problem = useFormProblem(form);
  const saveSelf = useSaveSelfAssessment({ cycleId, orgId });
  const review = useReviewAssessment({ cycleId, orgId });
  const saving = saveSelf.isPending || review.isPending;
  // O5: only a reviewed sheet has a recognition to cancel, so only its decisions are asked for.
  const cancellations = useCancellations({ cycleId, orgId }, assessment.status === "reviewed");
  const decisions = cancellations.data ?? [];
  const lastDecision = decisions.at(-1);
  const [cancelling, setCancelling] = useState(false);

  const superior = mode === "superior";
  const pointsField = superior ? "superior_points" : "self_points";
  // The own points are closed once the superior has scored (409 already_reviewed).
  const locked = mode === "readOnly" || (mode === "self" && assessment.status === "reviewed");
  const watched = Form.useWatch(pointsField, form);
  const total = Object.values(enteredPoints(watched)).reduce((sum, points) => sum + points, 0);
  const level = sheet ? levelOfTotal(sheet, total) : null;

  const initialValues: Values = {
    // The superior starts from its own points, or from the organisation's when not yet reviewed.
    [pointsField]: Object.fromEntries(
      assessment.criteria.map((line) => [
        line.code,
        superior ? (line.superior_points ?? line.self_points) : line.self_points,
      ]),
    ),
    exemplary: assessment.exemplary,
    unit_rating: assessment.unit_rating ?? null,
  };

  const submit = (values: Values) => {
    problem.setMessage(null);
    const points = enteredPoints(values[pointsField]);
    const unitRating = values.unit_rating ?? null;
    const done = {
      onSuccess: () => void message.success(ot("sheet.saved")),
      onError: problem.show,
    };
    if (superior) {
      review.mutate(
        {
          superior_points: points,
          // O1: only a clean_strong organisation can be exemplary.
          exemplary: level === "clean_strong" && values.exemplary === true,
          unit_rating: unitRating,
        },
        done,
      );
    } else {
      saveSelf.mutate({ self_points: points, unit_rating: unitRating }, done);
    }
  };

  return (
    <Flex vertical gap={16}>
      <Flex gap={8} wrap align="center">
        <Tag color={sheetStatusColor(assessment.status)}>
          {sheetStatusText(ot, assessment.status)}
        </Tag>
        {assessment.level && (
          <Tag color={orgLevelColor(assessment.level)}>{orgLevelText(ot, assessment.level)}</Tag>
        )}
        {assessment.exemplary && <Tag color="red">{ot("orgClass.exemplary")}</Tag>}
        {lastDecision && (
          <Tag color="volcano">
            {ot("cancellations.tag", { number: lastDecision.decision_number })}
          </Tag>
        )}
        {assessment.updated_at && (
          <Typography.Text type="secondary">
            {ot("sheet.updated", {
              by: assessment.updated_by ?? "",
              at: formatDateTime(assessment.updated_at),
            })}
          </Typography.Text>
        )}
      </Flex>
      <Alert
        type="info"
        showIcon
        title={
          mode === "self" && assessment.status === "reviewed"
            ? ot("sheet.reviewed")
            : ot(`sheet.mode.${mode}`)
        }
      />
      {!sheet && (
        <Alert type="warning" showIcon title={ot("sheet.noRuleSet", { name: ruleSetName })} />
      )}
      {/* O5: the committee that reviews the sheet cancels an undeserved recognition. */}
      {superior && hasRecognition(assessment) && (
        <span>
          <Button danger onClick={() => setCancelling(true)}>
            {ot("cancel.button")}
          </Button>
        </span>
      )}
      <FormError message={problem.message} />
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={initialValues}
        disabled={locked || saving}
        onFinish={submit}
      >
        <Table
          data-testid="sheet-table"
          size="small"
          pagination={false}
          rowKey="code"
          dataSource={assessment.criteria}
          columns={[
            {
              title: ot("sheet.criterion"),
              key: "criterion",
              // The criterion's code is the rule set's identifier, not a word: its number and
              // title are what the sheet on paper shows.
              render: (_, line, index) => (
                <>
                  <Typography.Text strong>{index + 1}.</Typography.Text> {line.title}
                </>
              ),
            },
            { title: ot("sheet.max"), dataIndex: "max", key: "max", width: 90, align: "right" },
            ...(superior
              ? [
                  {
                    title: ot("sheet.selfPoints"),
                    dataIndex: "self_points",
                    key: "self_points",
                    width: 90,
                    align: "right" as const,
                  },
                ]
              : []),
            {
              title: superior ? ot("sheet.superiorPoints") : ot("sheet.selfPoints"),
              key: "points",
              width: 170,
              render: (_, line) => (
                <Form.Item name={[pointsField, line.code]} style={{ marginBottom: 0 }}>
                  <InputNumber
                    aria-label={ot("sheet.points.label", { criterion: line.title })}
                    min={0}
                    max={line.max}
                    precision={0}
                    style={{ width: "100%" }}
                  />
                </Form.Item>
              ),
            },
          ]}
        />
        <Descriptions
          data-testid="sheet-total"
          size="small"
          column={1}
          style={{ marginTop: 16 }}
          items={[
            {
              key: "total",
              label: ot("sheet.total"),
              children: ot("sheet.totalValue", { total, max: assessment.max_total }),
            },
            ...(sheet && level
              ? [
                  {
                    key: "level",
                    label: ot("sheet.levelByTotal"),
                    children: (
                      <Flex vertical gap={4}>
                        <span>
                          <Tag color={orgLevelColor(level)}>{orgLevelText(ot, level)}</Tag>
                        </span>
                        <Typography.Text type="secondary">
                          {ot("sheet.cutOffs", {
                            clean_strong: sheet.clean_strong,
                            good: sheet.good,
                            completed: sheet.completed,
                          })}
                        </Typography.Text>
                      </Flex>
                    ),
                  },
                ]
              : []),
          ]}
        />
        {superior && level === "clean_strong" && (
          <Form.Item name="exemplary" valuePropName="checked" style={{ marginTop: 16 }}>
            <Checkbox>{ot("sheet.exemplary")}</Checkbox>
          </Form.Item>
        )}
        <Form.Item name="unit_rating" label={ot("sheet.unitRating")} style={{ marginTop: 16 }}>
          <Select
            aria-label={ot("sheet.unitRating")}
            allowClear
            placeholder={ot("sheet.unitRating.none")}
            options={unitRatings.map((rating) => ({
              value: rating,
              label: unitRatingText(ot, rating),
            }))}
          />
        </Form.Item>
        {!locked && (
          <Button type="primary" htmlType="submit" loading={saving}>
            {ot("sheet.save")}
          </Button>
        )}
      </Form>
      {cancellations.isError && (
        <Alert type="error" showIcon title={errorMessage(cancellations.error, t)} />
      )}
      {decisions.length > 0 && <CancellationList cancellations={decisions} />}
      {cancelling && (
        <CancelRecognitionModal
          cycleId={cycleId}
          orgId={orgId}
          assessment={assessment}
          onClose={() => setCancelling(false)}
          onDone={() => {
            setCancelling(false);
            void message.success(ot("cancel.done"));
          }}
        />
      )}
    </Flex>
  );
}
