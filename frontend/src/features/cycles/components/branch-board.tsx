import { TeamOutlined, UploadOutlined } from "@ant-design/icons";
import { Alert, Button, Empty, Flex, Select, Space, Table, Tag } from "antd";
import { useState } from "react";
import { TruncatedAlert } from "@/components/ui/truncated-alert";
import type { OrgProgress } from "@/features/cycles/api/cycles";
import {
  useBranchMembers,
  useProfessionalRatings,
  useSelfReviews,
  type BranchMember,
} from "@/features/cycles/api/self-reviews";
import {
  ratingLevelText,
  reviewStatusColor,
  reviewStatusText,
} from "@/features/cycles/components/labels";
import { FeedbackBatchModal } from "@/features/cycles/components/feedback-batch-modal";
import { RatingImportModal } from "@/features/cycles/components/rating-import-modal";
import { RatingModal } from "@/features/cycles/components/rating-modal";
import { ReviewDrawer } from "@/features/cycles/components/review-drawer";
import { useCyclesT } from "@/features/cycles/messages";
import { useT } from "@/lib/i18n/use-t";
import { WHOLE_LIST_PER_PAGE } from "@/lib/paging";
import { errorMessage } from "@/lib/problems";

type Props = { cycleId: number; branches: OrgProgress[] };

/**
 * The branch committee's board: each member of a branch and their self-review. The board needs
 * the branch whole: its members, self-reviews and ratings are each read narrowed to the branch,
 * on one page of the most the API gives, and a branch holding more is said to be cut.
 */
export function BranchBoard({ cycleId, branches }: Props) {
  const t = useT();
  const [branchId, setBranchId] = useState<number | undefined>(branches[0]?.organization_id);
  const members = useBranchMembers(branchId);
  const branchQuery = { organization_id: branchId, per_page: WHOLE_LIST_PER_PAGE };
  const reviews = useSelfReviews(cycleId, branchQuery, branchId !== undefined);
  const ratings = useProfessionalRatings(cycleId, branchQuery, branchId !== undefined);
  const [open, setOpen] = useState<BranchMember | null>(null);
  const [rating, setRating] = useState<BranchMember | null>(null);
  const [importing, setImporting] = useState(false);
  const [asking, setAsking] = useState(false);
  const ct = useCyclesT();

  if (branches.length === 0) return <Empty description={t("branch.noBranch")} />;
  const error = members.error ?? reviews.error ?? ratings.error;
  const statusOf = (id: number) =>
    reviews.data?.items.find((review) => review.member_id === id)?.status ?? "not_started";
  const ratingOf = (id: number) => ratings.data?.items.find((r) => r.member_id === id);

  return (
    <Flex vertical gap={16}>
      <Flex gap={8} wrap justify="space-between">
        {branches.length > 1 ? (
          <Select
            aria-label={t("branch.pick")}
            style={{ minWidth: 300, maxWidth: 400 }}
            value={branchId}
            onChange={setBranchId}
            options={branches.map((b) => ({ value: b.organization_id, label: b.name }))}
          />
        ) : (
          <span />
        )}
        <Flex gap={8} wrap>
          <Button icon={<TeamOutlined />} onClick={() => setAsking(true)}>
            {ct("feedback.batch.open")}
          </Button>
          <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
            {t("ratingImport.open")}
          </Button>
        </Flex>
      </Flex>
      {asking && (
        <FeedbackBatchModal
          cycleId={cycleId}
          branches={branches.map((b) => ({ id: b.organization_id, name: b.name }))}
          branchId={branchId}
          onClose={() => setAsking(false)}
        />
      )}
      {error && <Alert type="error" showIcon title={errorMessage(error, t)} />}
      <TruncatedAlert pages={[members.data, reviews.data, ratings.data]} />
      <Table<BranchMember>
        data-testid="branch-board"
        rowKey="id"
        size="small"
        loading={members.isPending || reviews.isPending}
        dataSource={(members.data?.items ?? []).filter((member) => member.active)}
        pagination={false}
        columns={[
          { title: t("branch.member"), dataIndex: "full_name" },
          {
            title: t("branch.status"),
            key: "status",
            render: (_, member) => {
              const status = statusOf(member.id);
              return <Tag color={reviewStatusColor(status)}>{reviewStatusText(t, status)}</Tag>;
            },
          },
          {
            title: t("branch.rating"),
            key: "rating",
            render: (_, member) => {
              const given = ratingOf(member.id);
              return given ? ratingLevelText(t, given.level) : "";
            },
          },
          {
            title: t("common.actions"),
            key: "actions",
            render: (_, member) => (
              <Space>
                <Button size="small" onClick={() => setOpen(member)}>
                  {t("review.open")}
                </Button>
                <Button size="small" onClick={() => setRating(member)}>
                  {t("rating.record")}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {open && <ReviewDrawer cycleId={cycleId} member={open} onClose={() => setOpen(null)} />}
      {importing && <RatingImportModal cycleId={cycleId} onClose={() => setImporting(false)} />}
      {rating && (
        <RatingModal
          cycleId={cycleId}
          member={rating}
          current={ratingOf(rating.id)}
          onClose={() => setRating(null)}
        />
      )}
    </Flex>
  );
}
