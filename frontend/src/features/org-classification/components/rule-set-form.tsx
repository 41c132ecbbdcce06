import { Alert, Checkbox, Flex, Form, Input, InputNumber, Modal, Select, Typography } from "antd";
import { FormError } from "@/components/ui/form-error";
import {
  useCreateRuleSet,
  type NewRuleSet,
  type RuleSet,
  type Threshold,
} from "@/features/org-classification/api/rule-sets";
import { methodText, quotaBasisText } from "@/features/org-classification/components/labels";
import { PointsFields } from "@/features/org-classification/components/points-fields";
import {
  pointsOf,
  scoringValuesOf,
  unbalancedGroups,
  type FrameValues,
  type ScoringValues,
} from "@/features/org-classification/components/points-form-values";
import { useOrgT, type OrgMessageKey } from "@/features/org-classification/messages";
import { methodOf, pointsText } from "@/lib/classification/points";
import { useLocale, useT } from "@/lib/i18n/use-t";
import { useFormProblem } from "@/lib/problems";

// The parameters the form changes, each a number of the rule set.
const numbers = [
  ["quota_percent", "ruleSets.form.quotaPercent"],
  ["outstanding_percent", "ruleSets.form.outstandingPercent"],
  ["small_branch_size", "ruleSets.form.smallBranchSize"],
  ["small_branch_cap", "ruleSets.form.smallBranchCap"],
  ["new_member_months", "ruleSets.form.newMemberMonths"],
  ["long_absence_months", "ruleSets.form.longAbsenceMonths"],
  ["discipline_term_months", "ruleSets.form.disciplineTermMonths"],
] as const satisfies readonly (readonly [keyof RuleSet, OrgMessageKey])[];
const thresholds = [
  ["excellent_threshold", "ruleSets.form.excellentThreshold"],
  ["pass_threshold", "ruleSets.form.passThreshold"],
] as const satisfies readonly (readonly [keyof RuleSet, OrgMessageKey])[];
const quotaBases = ["good_or_better", "good"] as const;

type NumberField = (typeof numbers)[number][0];
type ThresholdField = (typeof thresholds)[number][0];
type Parameters = Record<NumberField, number> &
  Record<ThresholdField, Threshold> & { quota_basis: string };
// `scoring`: the points section of a copy of a points rule set (not named `points`, so that the
// server's errors on `points…` show above the form rather than under no field).
type Values = Parameters & { name: string; based_on: string; scoring?: ScoringValues };

function parametersOf(ruleSet: RuleSet): Parameters {
  return {
    quota_basis: ruleSet.quota_basis,
    ...(Object.fromEntries(numbers.map(([field]) => [field, ruleSet[field]])) as Record<
      NumberField,
      number
    >),
    excellent_threshold: { ...ruleSet.excellent_threshold },
    pass_threshold: { ...ruleSet.pass_threshold },
  };
}

/** The form's values for a copy of `ruleSet`: its parameters, and its points section if any. */
function valuesOf(ruleSet: RuleSet): Omit<Values, "name" | "based_on"> {
  const parameters = parametersOf(ruleSet);
  const points = pointsOfBase(ruleSet);
  return points ? { ...parameters, scoring: scoringValuesOf(points) } : parameters;
}

function sameThreshold(a: Threshold, b: Threshold): boolean {
  return a.num === b.num && a.den === b.den && a.strict === b.strict;
}

/** The new rule set: its name, the one copied, and only the parameters that differ from it. */
function newRuleSetBody(values: Values, base: RuleSet): NewRuleSet {
  const body: NewRuleSet = { name: values.name.trim(), based_on: values.based_on };
  for (const [field] of numbers) {
    if (values[field] !== base[field]) body[field] = values[field];
  }
  if (values.quota_basis !== base.quota_basis) body.quota_basis = values.quota_basis;
  for (const [field] of thresholds) {
    const threshold = { ...values[field], strict: values[field].strict === true };
    if (!sameThreshold(threshold, base[field])) body[field] = threshold;
  }
  return body;
}

/** The points section of a points rule set copied; null for a ballot rule set. */
function pointsOfBase(ruleSet: RuleSet) {
  return methodOf(ruleSet) === "points" ? (ruleSet.points ?? null) : null;
}

type Props = { ruleSets: RuleSet[]; onClose: () => void; onCreated: (ruleSet: RuleSet) => void };

/**
 * An administrator's new rule set: a copy of one the server knows, some parameters changed. A
 * copy of a points rule set edits its frames' items, its bands and its quota, and sends its whole
 * points section once every group's items add up to the group's maximum (S2).
 */
export function RuleSetFormModal({ ruleSets, onClose, onCreated }: Props) {
  const t = useT();
  const ot = useOrgT();
  const { locale } = useLocale();
  const [form] = Form.useForm<Values>();
  const create = useCreateRuleSet();
  // 409 rule_set_exists: the name is taken.
  const problem = useFormProblem(form, { rule_set_exists: "name" });
  const first = ruleSets[0];
  const baseOf = (name: string | undefined) =>
    ruleSets.find((one) => one.name === name) ?? first;
  const basePoints = pointsOfBase(baseOf(Form.useWatch("based_on", form)));
  const frames = Form.useWatch(["scoring", "frames"], { form, preserve: true }) as
    | FrameValues[]
    | undefined;
  const unbalanced = basePoints ? unbalancedGroups(frames, basePoints) : [];

  const submit = (values: Values) => {
    const base = baseOf(values.based_on);
    const points = pointsOfBase(base);
    if (points && unbalanced.length > 0) return;
    problem.setMessage(null);
    const body: NewRuleSet = points
      ? {
          name: values.name.trim(),
          based_on: base.name,
          points: pointsOf(form.getFieldValue("scoring") as ScoringValues, points),
        }
      : newRuleSetBody(values, base);
    create.mutate(body, { onSuccess: onCreated, onError: problem.show });
  };

  const numberItem = (field: NumberField, label: OrgMessageKey) => (
    <Form.Item
      key={field}
      name={field}
      label={ot(label)}
      rules={[{ required: true, message: t("validation.required") }]}
    >
      <InputNumber aria-label={ot(label)} min={0} precision={0} style={{ width: "100%" }} />
    </Form.Item>
  );

  // vinh-2016 and its copies: the quota, the months and the vote thresholds (M6).
  const ballotFields = (
    <>
      {numberItem(...numbers[0])}
      <Form.Item name="quota_basis" label={ot("ruleSets.form.quotaBasis")}>
        <Select
          aria-label={ot("ruleSets.form.quotaBasis")}
          options={quotaBases.map((basis) => ({ value: basis, label: quotaBasisText(ot, basis) }))}
        />
      </Form.Item>
      {numbers.slice(1).map(([field, label]) => numberItem(field, label))}
      {thresholds.map(([field, label]) => (
        <Form.Item key={field} label={ot(label)} required>
          <Flex gap={8} align="baseline">
            <Form.Item
              name={[field, "num"]}
              noStyle
              rules={[{ required: true, message: t("validation.required") }]}
            >
              <InputNumber
                aria-label={`${ot(label)}: ${ot("ruleSets.form.num")}`}
                min={0}
                precision={0}
              />
            </Form.Item>
            <span>/</span>
            <Form.Item
              name={[field, "den"]}
              noStyle
              rules={[{ required: true, message: t("validation.required") }]}
            >
              <InputNumber
                aria-label={`${ot(label)}: ${ot("ruleSets.form.den")}`}
                min={1}
                precision={0}
              />
            </Form.Item>
            <Form.Item name={[field, "strict"]} valuePropName="checked" noStyle>
              <Checkbox>{ot("ruleSets.form.strict")}</Checkbox>
            </Form.Item>
          </Flex>
        </Form.Item>
      ))}
    </>
  );

  return (
    <Modal
      open
      title={ot("ruleSets.create")}
      okText={t("common.create")}
      cancelText={t("common.cancel")}
      confirmLoading={create.isPending}
      // S2: a points section whose groups do not add up is not sent.
      okButtonProps={{ disabled: unbalanced.length > 0 }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={basePoints ? 800 : 640}
    >
      <Typography.Paragraph type="secondary">
        {ot(basePoints ? "ruleSets.form.pointsChanges" : "ruleSets.form.changes")}
      </Typography.Paragraph>
      <FormError message={problem.message} />
      {unbalanced.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="unbalanced"
          style={{ marginBottom: 16 }}
          title={ot("ruleSets.form.unbalanced", {
            groups: unbalanced
              .map(({ frame, group, sum, max }) => {
                const total = `${pointsText(sum, locale)}/${pointsText(max, locale)}`;
                return `${frame} · ${group} (${total})`;
              })
              .join("; "),
          })}
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={create.isPending}
        initialValues={{ name: "", based_on: first.name, ...valuesOf(first) }}
      >
        <Form.Item
          name="name"
          label={ot("ruleSets.form.name")}
          rules={[
            { required: true, message: t("validation.required") },
            { min: 3, max: 50, message: ot("ruleSets.form.nameRule") },
          ]}
        >
          <Input aria-label={ot("ruleSets.form.name")} maxLength={50} />
        </Form.Item>
        <Form.Item name="based_on" label={ot("ruleSets.form.basedOn")}>
          <Select
            aria-label={ot("ruleSets.form.basedOn")}
            // The parameters start again from the rule set copied.
            onChange={(name: string) => {
              const base = ruleSets.find((one) => one.name === name);
              if (!base) return;
              form.setFieldsValue(parametersOf(base));
              // Replaced whole: another rule set's items are not merged into these.
              const points = pointsOfBase(base);
              form.setFieldValue("scoring", points ? scoringValuesOf(points) : undefined);
            }}
            options={ruleSets.map((ruleSet) => ({
              value: ruleSet.name,
              label: `${ruleSet.name} — ${methodText(ot, methodOf(ruleSet))}`,
            }))}
          />
        </Form.Item>
        {basePoints ? <PointsFields base={basePoints} /> : ballotFields}
      </Form>
    </Modal>
  );
}
