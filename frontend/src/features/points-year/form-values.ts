import type { FormInstance } from "antd";
import type { components } from "@/api/schema";
import { toPoints, toTenths } from "@/lib/classification/points";

type Schemas = components["schemas"];
type FrameInfo = Schemas["FrameInfo"];
type PointAssessment = Schemas["PointAssessment"];
type PointsAppraisalInput = Schemas["PointsAppraisal"];
type NamePath = (string | number)[];

/** A form's own part as read: a member's (PointAssessment) or a collective's (Mẫu 01). */
export type SelfPart = Pick<
  PointAssessment,
  "frame" | "self_points" | "tasks" | "shortcomings" | "narrative" | "proposed_level"
>;
/** What an appraisal starts from and sends: the form's frame, own points, facts found. */
type Appraised = Pick<
  PointAssessment,
  "frame" | "self_points" | "appraised_points" | "facts" | "mitigated"
>;

export const taskFields = ["assigned", "done", "on_time", "exceeded"] as const;
export const shortcomingFields = ["prior", "remedied"] as const;
export const proposedLevels = ["excellent", "good", "completed", "not_completed"] as const;

/** Points typed per item (in points, not tenths); an item not scored yet is empty. */
export type TypedPoints = Record<string, number | null | undefined>;

type Counts<K extends string> = Partial<Record<K, number | null>>;

/** The person's own part as the form holds it. */
export type SelfValues = {
  frame: string;
  self_points: TypedPoints;
  tasks: Counts<(typeof taskFields)[number]>;
  shortcomings: Counts<(typeof shortcomingFields)[number]>;
  narrative: string;
  proposed_level: string | null;
};

/** Tenths per item as points to type. */
export function typedPoints(points: Record<string, number> | null | undefined): TypedPoints {
  return Object.fromEntries(
    Object.entries(points ?? {}).map(([code, tenths]) => [code, toPoints(tenths)]),
  );
}

/** The items of `frame` typed so far, in tenths (a draft may leave some out). */
export function tenthsOf(frame: FrameInfo, typed: TypedPoints | undefined): Record<string, number> {
  return Object.fromEntries(
    frame.groups.flatMap((group) =>
      group.items.flatMap((item) => {
        const value = typed?.[item.code];
        return typeof value === "number" ? [[item.code, toTenths(value)]] : [];
      }),
    ),
  );
}

/** Counts as the API takes them (an empty input is 0). */
export function countsOf<K extends string>(fields: readonly K[], typed: Counts<K> | undefined) {
  return Object.fromEntries(fields.map((field) => [field, typed?.[field] ?? 0])) as Record<
    K,
    number
  >;
}

export function selfValues(assessment: SelfPart): SelfValues {
  return {
    frame: assessment.frame.frame,
    self_points: typedPoints(assessment.self_points),
    tasks: { ...assessment.tasks },
    shortcomings: { ...assessment.shortcomings },
    narrative: assessment.narrative,
    proposed_level: assessment.proposed_level ?? null,
  };
}

/** The own part typed on `frame`, as a save sends it (members add their frame). */
export function selfPartOf(frame: FrameInfo, values: Partial<SelfValues>) {
  return {
    self_points: tenthsOf(frame, values.self_points),
    tasks: countsOf(taskFields, values.tasks),
    shortcomings: countsOf(shortcomingFields, values.shortcomings),
    narrative: values.narrative ?? "",
    proposed_level: values.proposed_level ?? null,
  };
}

function itemCodes(frame: FrameInfo): string[] {
  return frame.groups.flatMap((group) => group.items.map((item) => item.code));
}

/**
 * Where an invalid field of a save shows on the form (`self_points.politics` under its item),
 * or null: shown for the whole form.
 */
export function selfFieldOf(frame: FrameInfo, withFrame: boolean) {
  const codes = itemCodes(frame);
  return (name: NamePath): NamePath | null => {
    const [head, part] = name;
    if (head === "self_points") return codes.includes(String(part)) ? name.slice(0, 2) : null;
    if (head === "tasks") return (taskFields as readonly unknown[]).includes(part) ? name : null;
    if (head === "shortcomings") {
      return (shortcomingFields as readonly unknown[]).includes(part) ? name : null;
    }
    if (head === "frame") return withFrame ? ["frame"] : null;
    return head === "narrative" || head === "proposed_level" ? [head] : null;
  };
}

/** Where an invalid field of an appraisal shows: an item, the facts, the mitigated, the level. */
export function appraisalFieldOf(frame: FrameInfo) {
  const codes = itemCodes(frame);
  return (name: NamePath): NamePath | null => {
    const [head, part] = name;
    if (head === "appraised_points") {
      return codes.includes(String(part)) ? name.slice(0, 2) : null;
    }
    // `facts[2]`: the second fact ticked; shown under the whole list.
    if (head === "facts" || head === "mitigated") return [head];
    return head === "appraised_level" || head === "note" ? [head] : null;
  };
}

/** Every field a save may mark, to clear before the next one. */
export function selfFieldNames(frame: FrameInfo): NamePath[] {
  return [
    ...itemCodes(frame).map((code) => ["self_points", code]),
    ...taskFields.map((field) => ["tasks", field]),
    ...shortcomingFields.map((field) => ["shortcomings", field]),
    ["narrative"],
    ["proposed_level"],
    ["frame"],
  ];
}

export function appraisalFieldNames(frame: FrameInfo): NamePath[] {
  return [
    ...itemCodes(frame).map((code) => ["appraised_points", code]),
    ["facts"],
    ["mitigated"],
    ["appraised_level"],
    ["note"],
  ];
}

/** The appraising body's points and findings (S6) as a form holds them. */
export type AppraisalValues = {
  appraised_points: TypedPoints;
  facts: string[];
  mitigated: string[];
};

/** Where an appraisal starts: the last appraisal, else the member's own points. */
export function appraisalStart(assessment: Appraised): AppraisalValues {
  return {
    appraised_points: typedPoints(assessment.appraised_points ?? assessment.self_points),
    facts: assessment.facts,
    mitigated: assessment.mitigated,
  };
}

/** The points and findings typed, as the API takes them (a mitigated fact is a fact found). */
export function appraisalOf(
  assessment: Pick<Appraised, "frame">,
  values: Partial<AppraisalValues>,
): Pick<PointsAppraisalInput, "appraised_points" | "facts" | "mitigated"> {
  const facts = values.facts ?? [];
  return {
    appraised_points: tenthsOf(assessment.frame, values.appraised_points),
    facts,
    mitigated: (values.mitigated ?? []).filter((fact) => facts.includes(fact)),
  };
}

/** For a form's `onValuesChange`: a fact no longer found cannot stay mitigated. */
export function keepMitigatedFound(form: FormInstance, changed: Partial<AppraisalValues>) {
  if (!changed.facts) return;
  const mitigated = form.getFieldValue("mitigated") as string[] | undefined;
  form.setFieldValue(
    "mitigated",
    (mitigated ?? []).filter((fact) => changed.facts?.includes(fact)),
  );
}
