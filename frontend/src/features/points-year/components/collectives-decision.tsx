import { Typography } from "antd";
import type { components } from "@/api/schema";
import {
  useDecideCollectives,
  type CollectiveRow,
  type CollectivesBoard,
  type DecisionScope,
} from "@/features/points-year/api/collectives";
import type { Cycle } from "@/features/points-year/api/points";
import {
  DecisionCard,
  type DecisionWords,
} from "@/features/points-year/components/points-decision";
import {
  collectiveIdOf,
  isOrganizationRow,
  partsDecided,
} from "@/features/points-year/collectives";
import type { ChoiceDrafts } from "@/features/points-year/decision";
import { usePointsT, type PointsTranslate } from "@/features/points-year/messages";

type FactInfo = components["schemas"]["FactInfo"];

type Props = {
  cycle: Cycle;
  board: CollectivesBoard;
  scope: DecisionScope;
  outstanding: boolean;
  /** The quota's percent in force among the branches (C3), when known. */
  percent?: number;
  busy: boolean;
  drafts: ChoiceDrafts;
  onDraftsChange: (drafts: ChoiceDrafts) => void;
  facts?: readonly FactInfo[];
};

function wordsOf(pt: PointsTranslate, scope: DecisionScope, name: string, year: number) {
  const shared = {
    none: pt("collectives.decision.none"),
    missing: (count: number) => pt("collectives.decision.missing", { count }),
    irreversible: pt("collectives.decision.irreversible"),
    decidedHint: pt("collectives.decision.decidedHint"),
    closed: pt("decision.closed"),
  };
  const words: DecisionWords =
    scope === "branches"
      ? {
          ...shared,
          hint: pt("collectives.branches.hint"),
          confirm: pt("collectives.branches.confirm", { year }),
          decided: pt("collectives.branches.decided"),
        }
      : {
          ...shared,
          hint: pt("collectives.organization.hint"),
          confirm: pt("collectives.organization.confirm", { name, year }),
          decided: pt("collectives.organization.decided", { name }),
        };
  const title =
    scope === "branches"
      ? pt("collectives.branches.title")
      : pt("collectives.organization.title", { name });
  return { words, title };
}

/**
 * The competent level's decision on collectives (C2), once: `branches` by the organisation's
 * committee (C3's quota counted among them), `organization` by the committee directly above;
 * in C4's order (the members, then the branches, then the organisation). Every collective in
 * scope submits its form first (the server names those that have not, 409).
 */
export function CollectivesDecision({ cycle, board, scope, outstanding, ...rest }: Props) {
  const pt = usePointsT();
  const decide = useDecideCollectives(cycle.id);
  const top = board.rows.find((row) => isOrganizationRow(row, cycle));
  const rows = board.rows.filter(
    (row) => isOrganizationRow(row, cycle) === (scope === "organization"),
  );
  const { words, title } = wordsOf(pt, scope, top?.name ?? cycle.organization_name, cycle.year);
  const pending = rows.filter((row) => row.status === "pending").map((row) => row.name);
  const branches = scope === "branches";
  const blocked = [
    ...(partsDecided(board.rows, cycle, scope) ? [] : [pt(`collectives.order.${scope}`)]),
    ...(pending.length > 0
      ? [pt("collectives.decision.pending", { names: pending.join(", ") })]
      : []),
  ];
  return (
    <DecisionCard<CollectiveRow>
      {...rest}
      percent={branches ? rest.percent : undefined}
      title={title}
      testId={`collectives-decision-${scope}`}
      rows={rows}
      idOf={collectiveIdOf}
      nameOf={(row) => row.name}
      who={{
        title: pt("collectives.name"),
        render: (row) => <Typography.Text strong>{row.name}</Typography.Text>,
      }}
      totalOf={(row) => row.total}
      // C3: the branches among themselves, the organisation among its peers (its own group).
      quotas={board.quotas}
      closed={cycle.stage === "closed"}
      words={words}
      blocked={blocked}
      decide={(choices) =>
        decide.mutateAsync({
          scope,
          outstanding,
          choices: choices.map(({ id, level, reason }) => ({ organization_id: id, level, reason })),
        })
      }
      deciding={decide.isPending}
    />
  );
}
