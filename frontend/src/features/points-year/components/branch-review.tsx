import { EditOutlined } from "@ant-design/icons";
import {
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Tag,
  Typography,
} from "antd";
import { useState, type ReactNode } from "react";
import { flushSync } from "react-dom";
import { ApiError } from "@/api/problem";
import { FormError } from "@/components/ui/form-error";
import {
  useBranchReview,
  useRefreshPointAssessment,
  type BranchReviewInfo,
  type BranchReviewInput,
  type BranchVote,
  type PointAssessment,
} from "@/features/points-year/api/points";
import { clearFieldErrors, showPointsProblem } from "@/features/points-year/form-problem";
import { countsOf, proposedLevels } from "@/features/points-year/form-values";
import { usePointsT } from "@/features/points-year/messages";
import { levelColor } from "@/lib/classification/labels";
import { classificationLevelText } from "@/lib/domain/labels";
import { formatDateTime } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";

type NamePath = (string | number)[];

/** S10 (`branch_vote`): M6's D, then the votes per level, as the branch meeting counted them. */
const tallyFields = ["counted", "excellent", "good", "completed", "not_completed"] as const;
type TallyField = (typeof tallyFields)[number];

const isTallyField = (part: unknown): part is TallyField =>
  (tallyFields as readonly unknown[]).includes(part);

/** The branch's vote as recorded: D and the votes per level, and the level it reached. */
export function VoteTally({ vote }: { vote: BranchVote }) {
  const t = useT();
  const pt = usePointsT();
  return (
    <Flex vertical gap={4} data-testid="branch-vote">
      <Descriptions
        size="small"
        column={1}
        items={tallyFields.map((field) => ({
          key: field,
          label: pt(`review.vote.${field}`),
          children: vote.tally[field],
        }))}
      />
      {vote.reached ? (
        <span data-testid="vote-reached">
          <Tag color={levelColor(vote.reached)} style={{ whiteSpace: "normal" }}>
            {pt("review.vote.reached", { level: classificationLevelText(t, vote.reached) })}
          </Tag>
        </span>
      ) : (
        <Typography.Text type="warning" data-testid="vote-reached">
          {pt("review.vote.none")}
        </Typography.Text>
      )}
    </Flex>
  );
}

/**
 * The branch meeting on a form as its committee recorded it (S10 step 2): the opinions, the
 * level proposed, the vote when the rule set asks for one, who and when.
 */
export function BranchReviewCard({
  review,
  asksVote = false,
  extra,
  children,
}: {
  review: BranchReviewInfo | null | undefined;
  /** The rule set asks for the vote (said missing when none is recorded). */
  asksVote?: boolean;
  /** Beside the title (e.g. the button to record it). */
  extra?: ReactNode;
  /** Shown when nothing is recorded yet. */
  children?: ReactNode;
}) {
  const t = useT();
  const pt = usePointsT();
  return (
    <Card size="small" title={pt("review.title")} extra={extra} data-testid="branch-review">
      {review ? (
        <Descriptions
          size="small"
          column={1}
          bordered
          items={[
            {
              key: "opinion",
              label: pt("review.opinion"),
              children: (
                <Typography.Text style={{ whiteSpace: "pre-wrap" }}>
                  {review.opinion}
                </Typography.Text>
              ),
            },
            {
              key: "level",
              label: pt("review.level"),
              children: review.proposed_level
                ? classificationLevelText(t, review.proposed_level)
                : "",
            },
            ...(review.vote || asksVote
              ? [
                  {
                    key: "vote",
                    label: pt("review.vote"),
                    children: review.vote ? (
                      <VoteTally vote={review.vote} />
                    ) : (
                      <Typography.Text type="warning">{pt("review.noVote")}</Typography.Text>
                    ),
                  },
                ]
              : []),
            {
              key: "by",
              label: pt("review.by"),
              children: `${review.reviewed_by} — ${formatDateTime(review.reviewed_at)}`,
            },
          ]}
        />
      ) : (
        children
      )}
    </Card>
  );
}

type SectionProps = {
  assessment: PointAssessment;
  cycleId: number;
  /** The caller records the branch meeting on this form now (submitted, not decided). */
  canRecord: boolean;
  /** S10: the rule set asks for the branch's vote on this form (the year's). */
  asksVote: boolean;
};

/**
 * The branch's review of a form: as recorded, and for the branch committee the drawer to record
 * it (again) while the form is submitted and not decided.
 */
export function BranchReviewSection({ assessment, cycleId, canRecord, asksVote }: SectionProps) {
  const pt = usePointsT();
  const [open, setOpen] = useState(false);
  const review = assessment.branch_review;
  if (!review && !canRecord) return null;
  return (
    <>
      <BranchReviewCard
        review={review}
        asksVote={asksVote}
        extra={
          canRecord && (
            <Button size="small" icon={<EditOutlined />} onClick={() => setOpen(true)}>
              {pt(review ? "review.edit" : "review.record")}
            </Button>
          )
        }
      >
        <Typography.Text type="secondary">{pt("review.hint")}</Typography.Text>
      </BranchReviewCard>
      {open && (
        <BranchReviewDrawer
          assessment={assessment}
          cycleId={cycleId}
          asksVote={asksVote}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

type Values = {
  opinion: string;
  proposed_level: string | null;
  vote: Partial<Record<TallyField, number | null>>;
};

type DrawerProps = {
  assessment: PointAssessment;
  cycleId: number;
  asksVote: boolean;
  onClose: () => void;
};

/**
 * The branch committee records the branch meeting on a submitted form (S10 step 2): the
 * discussion and opinions, the level it proposes and, when the rule set asks for it, the vote
 * (D, then the votes per level; together at most D).
 */
export function BranchReviewDrawer({ assessment, cycleId, asksVote, onClose }: DrawerProps) {
  const t = useT();
  const pt = usePointsT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const key = { cycleId, memberId: assessment.member_id, period: assessment.period };
  const record = useBranchReview(key);
  const refresh = useRefreshPointAssessment(key);
  const [problem, setProblem] = useState<string | null>(null);
  // The server has the last word on whether the vote is asked (`required`, `not_asked`).
  const [asks, setAsks] = useState(asksVote);
  const review = assessment.branch_review;

  const failed = (error: unknown) => {
    const voteErrors =
      error instanceof ApiError ? error.fieldErrors.filter((e) => e.field === "vote") : [];
    const asked = voteErrors.some((e) => e.code === "required")
      ? true
      : voteErrors.some((e) => e.code === "not_asked")
        ? false
        : asks;
    // The vote's inputs are there before their errors are set on them.
    flushSync(() => setAsks(asked));
    if (error instanceof ApiError && error.code === "not_submitted") void refresh();
    const place = ([head, part]: NamePath): NamePath | null => {
      if (head === "opinion" || head === "proposed_level") return [head];
      if (head !== "vote" || !asked) return null;
      // The whole tally's (`over_counted`, `required`) under D, which the votes are counted on.
      return isTallyField(part) ? ["vote", part] : ["vote", "counted"];
    };
    setProblem(showPointsProblem(form, error, t, place));
  };

  const send = (values: Values) => {
    setProblem(null);
    clearFieldErrors(form, [
      ["opinion"],
      ["proposed_level"],
      ...tallyFields.map((field) => ["vote", field]),
    ]);
    const body: BranchReviewInput = {
      opinion: (values.opinion ?? "").trim(),
      proposed_level: values.proposed_level ?? null,
      ...(asks && { vote: countsOf(tallyFields, values.vote) }),
    };
    record
      .mutateAsync(body)
      .then(() => {
        void message.success(pt("review.saved"));
        onClose();
      })
      .catch(failed);
  };

  return (
    <Drawer
      open
      size={560}
      title={pt("review.drawer", { name: assessment.member_name })}
      onClose={onClose}
      destroyOnHidden
    >
      <Flex vertical gap={16} data-testid="branch-review-form">
        <Typography.Text type="secondary">{pt("review.hint")}</Typography.Text>
        <FormError message={problem} />
        <Form<Values>
          form={form}
          layout="vertical"
          disabled={record.isPending}
          initialValues={{
            opinion: review?.opinion ?? "",
            proposed_level: review?.proposed_level ?? null,
            vote: { ...review?.vote?.tally },
          }}
          onFinish={send}
        >
          <Form.Item
            name="opinion"
            label={pt("review.opinion")}
            rules={[{ required: true, whitespace: true, message: pt("review.opinionRequired") }]}
          >
            <Input.TextArea
              aria-label={pt("review.opinion")}
              autoSize={{ minRows: 4 }}
              maxLength={20000}
            />
          </Form.Item>
          <Form.Item name="proposed_level" label={pt("review.level")}>
            <Select
              aria-label={pt("review.level")}
              allowClear
              style={{ maxWidth: 360 }}
              options={proposedLevels.map((level) => ({
                value: level,
                label: classificationLevelText(t, level),
              }))}
            />
          </Form.Item>
          {asks && (
            <Flex vertical gap={4} data-testid="branch-vote-inputs">
              <Typography.Text strong>{pt("review.vote")}</Typography.Text>
              <Typography.Text type="secondary">{pt("review.voteHint")}</Typography.Text>
              <Flex gap={12} wrap style={{ marginTop: 8 }}>
                {tallyFields.map((field) => (
                  <Form.Item
                    key={field}
                    name={["vote", field]}
                    label={pt(`review.vote.${field}`)}
                    style={{ minWidth: 200 }}
                    rules={
                      field === "counted"
                        ? [{ required: true, message: pt("review.vote.countedRequired") }]
                        : []
                    }
                  >
                    <InputNumber
                      aria-label={pt(`review.vote.${field}`)}
                      min={field === "counted" ? 1 : 0}
                      precision={0}
                      style={{ width: 120 }}
                    />
                  </Form.Item>
                ))}
              </Flex>
            </Flex>
          )}
          <Button type="primary" htmlType="submit" loading={record.isPending}>
            {pt("review.save")}
          </Button>
        </Form>
      </Flex>
    </Drawer>
  );
}
