import { Collapse, Flex, Steps, Typography } from "antd";
import { AgendaList } from "@/features/agenda/components/agenda-list";
import { useCycleChoices, useProgress, type Cycle } from "@/features/cycles/api/cycles";
import { PlanProgress } from "@/features/cycles/components/plan-progress";
import { hasRole } from "@/lib/auth/permissions";
import { useCurrentUser, type Me } from "@/lib/auth/use-session";
import { useT } from "@/lib/i18n/use-t";

const cycleSteps = [
  "selfReview",
  "feedback",
  "ballot",
  "classification",
  "appraisal",
  "rewards",
  "reports",
] as const;

function isCommittee(me: Me): boolean {
  return hasRole(me, "committee") || hasRole(me, "branch_committee");
}

/**
 * The cycle under way: the latest year's open one, the one made last among them (of the newest
 * cycles the pickers read: the list comes newest year first).
 */
function currentCycle(cycles: Cycle[]): Cycle | undefined {
  return cycles
    .filter((cycle) => cycle.stage !== "closed")
    .sort((a, b) => b.year - a.year || b.id - a.id)[0];
}

/** For a committee: how far the plan of the cycle under way is. */
function CurrentPlan() {
  const t = useT();
  const cycles = useCycleChoices();
  const cycle = cycles.data ? currentCycle(cycles.data.items) : undefined;
  if (cycle === undefined) return null;
  return (
    <Flex vertical gap={8} data-testid="home-plan" style={{ minWidth: 0 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("home.plan", { year: cycle.year, organization: cycle.organization_name })}
      </Typography.Title>
      <CyclePlan cycle={cycle} />
    </Flex>
  );
}

function CyclePlan({ cycle }: { cycle: Cycle }) {
  const progress = useProgress(cycle.id);
  return progress.data ? <PlanProgress progress={progress.data} phases={cycle.phases} /> : null;
}

export function HomeRoute() {
  const t = useT();
  const me = useCurrentUser();
  return (
    <Flex vertical gap={24} style={{ minWidth: 0 }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t("home.greeting", { name: me.display_name })}
      </Typography.Title>
      <AgendaList />
      {isCommittee(me) && <CurrentPlan />}
      <Collapse
        style={{ maxWidth: 760 }}
        items={[
          {
            key: "process",
            label: t("home.process"),
            children: (
              <>
                <Typography.Paragraph>{t("home.intro")}</Typography.Paragraph>
                <Steps
                  orientation="vertical"
                  // A description of the cycle, not a progress bar: no step is current.
                  current={-1}
                  items={cycleSteps.map((step) => ({
                    title: <Typography.Text strong>{t(`home.step.${step}`)}</Typography.Text>,
                    content: t(`home.step.${step}.desc`),
                    status: "wait",
                  }))}
                />
              </>
            ),
          },
        ]}
      />
    </Flex>
  );
}
