import type { ComponentType } from "react";
import type { RouteObject } from "react-router";
import { RequireArea, RequireAuth } from "@/app/routes/require-auth";
import { RootRoute } from "@/app/routes/root";
import { RouteError } from "@/app/routes/route-error";
import { PageSpinner } from "@/components/ui/page-spinner";
import type { Area } from "@/lib/auth/permissions";
import { withMessages } from "@/lib/i18n/messages";

/** A page for the roles of `area` only. */
function areaPage(
  path: string,
  area: Area,
  load: () => Promise<{ Component: ComponentType }>,
): RouteObject {
  return { path, element: <RequireArea area={area} />, children: [{ index: true, lazy: load }] };
}

// Each page is its own chunk, loaded when first visited (with the pages' words, the first time).
export const routes: RouteObject[] = [
  {
    path: "/",
    Component: RootRoute,
    HydrateFallback: PageSpinner,
    ErrorBoundary: RouteError,
    children: [
      {
        // Also below the layout, so that a failing page keeps the header and menu.
        ErrorBoundary: RouteError,
        children: [
          {
            path: "login",
            lazy: async () => ({
              Component: (await withMessages(import("@/app/routes/login"))).LoginRoute,
            }),
          },
          {
            path: "status",
            lazy: async () => ({
              Component: (await withMessages(import("@/app/routes/status"))).StatusRoute,
            }),
          },
          {
            Component: RequireAuth,
            children: [
              {
                index: true,
                lazy: async () => ({
                  Component: (await withMessages(import("@/app/routes/home"))).HomeRoute,
                }),
              },
              areaPage("organizations", "organizations", async () => ({
                Component: (await withMessages(import("@/app/routes/organizations")))
                  .OrganizationsRoute,
              })),
              areaPage("members", "members", async () => ({
                Component: (await withMessages(import("@/app/routes/members"))).MembersRoute,
              })),
              areaPage("members/import", "memberImport", async () => ({
                Component: (await withMessages(import("@/app/routes/member-import")))
                  .MemberImportRoute,
              })),
              areaPage("members/:id", "members", async () => ({
                Component: (await withMessages(import("@/app/routes/member"))).MemberRoute,
              })),
              areaPage("cycles", "cycles", async () => ({
                Component: (await withMessages(import("@/app/routes/cycles"))).CyclesRoute,
              })),
              areaPage("cycles/:id", "cycles", async () => ({
                Component: (await withMessages(import("@/app/routes/cycle"))).CycleRoute,
              })),
              // A member's points form (RULES-2025.md): the member, the branch committee and
              // those above; the API knows whose form it is.
              {
                path: "cycles/:id/points/:memberId",
                lazy: async () => ({
                  Component: (await withMessages(import("@/app/routes/points-form")))
                    .PointsFormRoute,
                }),
              },
              // A collective's points form (Mẫu 01, RULES-2025.md C1): its committees and those
              // above; the API knows which.
              areaPage("cycles/:id/collectives/:orgId", "cycles", async () => ({
                Component: (await withMessages(import("@/app/routes/collective-form")))
                  .CollectiveFormRoute,
              })),
              areaPage("voting-sessions/:sid", "cycles", async () => ({
                Component: (await withMessages(import("@/app/routes/voting-session")))
                  .VotingSessionRoute,
              })),
              // A member's ballot: anyone signed in; the API knows who is on the roll.
              {
                path: "voting-sessions/:sid/ballot",
                lazy: async () => ({
                  Component: (await withMessages(import("@/app/routes/ballot"))).BallotRoute,
                }),
              },
              areaPage("my-review", "myReview", async () => ({
                Component: (await withMessages(import("@/app/routes/my-review"))).MyReviewRoute,
              })),
              areaPage("feedback", "feedback", async () => ({
                Component: (await withMessages(import("@/app/routes/feedback"))).FeedbackRoute,
              })),
              areaPage("suggestions", "suggestions", async () => ({
                Component: (await withMessages(import("@/app/routes/suggestions")))
                  .SuggestionsRoute,
              })),
              areaPage("what-if", "whatIf", async () => ({
                Component: (await withMessages(import("@/app/routes/what-if"))).WhatIfRoute,
              })),
              areaPage("org-classification", "orgClassification", async () => ({
                Component: (await withMessages(import("@/app/routes/org-classification")))
                  .OrgClassificationRoute,
              })),
              areaPage("rule-sets", "ruleSets", async () => ({
                Component: (await withMessages(import("@/app/routes/rule-sets"))).RuleSetsRoute,
              })),
              areaPage("users", "users", async () => ({
                Component: (await withMessages(import("@/app/routes/users"))).UsersRoute,
              })),
              areaPage("audit", "audit", async () => ({
                Component: (await withMessages(import("@/app/routes/audit"))).AuditRoute,
              })),
              areaPage("rewards", "rewards", async () => ({
                Component: (await withMessages(import("@/app/routes/rewards"))).RewardsRoute,
              })),
              areaPage("reports", "reports", async () => ({
                Component: (await withMessages(import("@/app/routes/reports"))).ReportsRoute,
              })),
              areaPage("dossiers", "dossiers", async () => ({
                Component: (await withMessages(import("@/app/routes/dossiers"))).DossiersRoute,
              })),
              areaPage("dossiers/:org/:year", "dossiers", async () => ({
                Component: (await withMessages(import("@/app/routes/dossiers"))).DossierRoute,
              })),
              // D1, D4: the committee writes its yearly reports; committees above and inspection read.
              areaPage("party-reports", "dossiers", async () => ({
                Component: (await withMessages(import("@/app/routes/party-reports")))
                  .PartyReportsRoute,
              })),
              // C.5: the appraisal teams a committee sends below it; those above and inspection read.
              areaPage("appraisal-teams", "dossiers", async () => ({
                Component: (await withMessages(import("@/app/routes/appraisal-teams")))
                  .AppraisalTeamsRoute,
              })),
              areaPage("webhooks", "webhooks", async () => ({
                Component: (await withMessages(import("@/app/routes/webhooks"))).WebhooksRoute,
              })),
              areaPage("service-accounts", "serviceAccounts", async () => ({
                Component: (await withMessages(import("@/app/routes/service-accounts")))
                  .ServiceAccountsRoute,
              })),
            ],
          },
          {
            path: "*",
            lazy: async () => ({
              Component: (await withMessages(import("@/app/routes/not-found"))).NotFoundRoute,
            }),
          },
        ],
      },
    ],
  },
];
