import { ArrowLeftOutlined, DeleteOutlined, EditOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Popconfirm,
  Result,
  Space,
  Tabs,
  Typography,
} from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { ApiError } from "@/api/problem";
import { PageSpinner } from "@/components/ui/page-spinner";
import { useDeleteMember } from "@/features/members/api/delete-member";
import { useMember, type VersionedMember } from "@/features/members/api/get-member";
import type { Member } from "@/features/members/api/get-members";
import { DeactivateModal } from "@/features/members/components/deactivate-modal";
import { DisciplinesTab } from "@/features/members/components/disciplines-tab";
import { HistoryTab } from "@/features/members/components/history-tab";
import { MemberFormDrawer } from "@/features/members/components/member-form-drawer";
import { MemberFlags, MemberStatusTag } from "@/features/members/components/member-tags";
import { useMemberEditing } from "@/features/members/hooks/use-member-editing";
import { readsOwnRecordOnly } from "@/lib/auth/permissions";
import type { Me } from "@/lib/auth/use-session";
import {
  genderText,
  leadershipLevelText,
  leftReasonText,
  memberCategoryText,
  memberStatusText,
} from "@/lib/domain/labels";
import { formatDateTime, formatDay } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage } from "@/lib/problems";

/** One member: the record, its discipline records and its yearly results. */
export function MemberPage({ me, memberId }: { me: Me; memberId: number }) {
  const t = useT();
  const member = useMember(memberId);
  if (member.isPending) return <PageSpinner />;
  if (member.isError) {
    if (member.error instanceof ApiError && member.error.status === 404) {
      return (
        <Result
          status="404"
          title={t("member.notFound")}
          subTitle={t("member.notFound.detail")}
          extra={
            <Link to="/members">
              <Button type="primary">{t("member.backToList")}</Button>
            </Link>
          }
        />
      );
    }
    return <Alert type="error" showIcon title={errorMessage(member.error, t)} />;
  }
  return <MemberDetail me={me} current={member.data} />;
}

function MemberDetail({ me, current }: { me: Me; current: VersionedMember }) {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { member } = current;
  const canEdit = useMemberEditing(me)(member.branch_id);
  const remove = useDeleteMember();
  const [editing, setEditing] = useState(false);
  const [deactivating, setDeactivating] = useState<string | null>(null);

  const del = () =>
    remove.mutate(member.id, {
      onSuccess: () => {
        void message.success(t("member.deleted", { name: member.full_name }));
        void navigate("/members", { replace: true });
      },
      onError: (error) => {
        // A member with review records stays on file: they can only leave the list.
        if (error instanceof ApiError && error.code === "member_has_records") {
          setDeactivating(error.message);
        } else {
          void message.error(errorMessage(error, t));
        }
      },
    });

  return (
    <Flex vertical gap={16}>
      {!readsOwnRecordOnly(me) && (
        <Link to="/members">
          <ArrowLeftOutlined /> {t("member.backToList")}
        </Link>
      )}
      <Flex justify="space-between" align="center" gap={16} wrap>
        <Space align="center" wrap>
          <Typography.Title level={2} style={{ margin: 0 }}>
            {member.full_name}
          </Typography.Title>
          <MemberStatusTag status={member.status} />
          <MemberFlags member={member} />
        </Space>
        {canEdit && (
          <Space wrap>
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t("common.edit")}
            </Button>
            <Popconfirm
              title={t("member.delete.confirm", { name: member.full_name })}
              description={t("member.delete.hint")}
              okText={t("common.delete")}
              cancelText={t("common.cancel")}
              okButtonProps={{ danger: true }}
              onConfirm={del}
            >
              <Button danger icon={<DeleteOutlined />} loading={remove.isPending}>
                {t("common.delete")}
              </Button>
            </Popconfirm>
          </Space>
        )}
      </Flex>
      <Card>
        <MemberProfile member={member} />
      </Card>
      <Card>
        <Tabs
          items={[
            {
              key: "disciplines",
              label: t("discipline.title"),
              children: <DisciplinesTab memberId={member.id} canEdit={canEdit} />,
            },
            {
              key: "history",
              label: t("history.title"),
              children: <HistoryTab member={member} canEdit={canEdit} />,
            },
          ]}
        />
      </Card>
      {editing && (
        <MemberFormDrawer
          me={me}
          memberId={member.id}
          onClose={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            void message.success(t("members.saved", { name: saved.full_name }));
          }}
        />
      )}
      {deactivating !== null && (
        <DeactivateModal
          current={current}
          reason={deactivating}
          onClose={() => setDeactivating(null)}
          onDone={() => {
            setDeactivating(null);
            void message.success(t("member.deactivated", { name: member.full_name }));
          }}
        />
      )}
    </Flex>
  );
}

function MemberProfile({ member }: { member: Member }) {
  const t = useT();
  const none = <Typography.Text type="secondary">—</Typography.Text>;
  const text = (value: string | null | undefined) => (value ? value : none);
  const yesNo = (value: boolean) => t(value ? "common.yes" : "common.no");
  const leadership = member.leadership_post
    ? `${member.leadership_post}${
        member.leadership_level ? ` (${leadershipLevelText(t, member.leadership_level)})` : ""
      }`
    : null;

  const items = [
    { key: "card", label: t("member.cardNumber"), children: text(member.card_number) },
    { key: "gender", label: t("member.gender"), children: genderText(t, member.gender) },
    { key: "born", label: t("member.dateOfBirth"), children: formatDay(member.date_of_birth) },
    { key: "branch", label: t("member.branch"), children: member.branch_name },
    { key: "status", label: t("member.status"), children: memberStatusText(t, member.status) },
    {
      key: "category",
      label: t("member.category"),
      children: memberCategoryText(t, member.category),
    },
    { key: "admitted", label: t("member.admittedOn"), children: formatDay(member.admitted_on) },
    {
      key: "official",
      label: t("member.officialOn"),
      children: member.official_on ? formatDay(member.official_on) : none,
    },
    { key: "exempt", label: t("member.exempt"), children: yesNo(member.exempt) },
    {
      key: "attached",
      label: t("member.attached"),
      children: member.attached
        ? `${yesNo(true)}${member.home_branch_name ? ` — ${member.home_branch_name}` : ""}`
        : yesNo(false),
    },
    {
      key: "away",
      label: t("member.longAbsence"),
      children:
        member.long_absence_years.length > 0 ? member.long_absence_years.join(", ") : none,
    },
    { key: "leadership", label: t("member.leadershipPost"), children: text(leadership) },
    { key: "unit", label: t("member.workplaceUnit"), children: text(member.workplace_unit) },
    { key: "post", label: t("member.workplacePost"), children: text(member.workplace_post) },
    {
      key: "residence",
      label: t("member.residenceAddress"),
      children: text(member.residence_address),
    },
    {
      key: "committee",
      label: t("member.residenceCommittee"),
      children: text(
        [
          member.residence_committee_name,
          member.residence_committee_address,
          member.residence_committee_contact,
        ]
          .filter(Boolean)
          .join(" — "),
      ),
    },
    { key: "phone", label: t("member.phone"), children: text(member.phone) },
    { key: "email", label: t("member.email"), children: text(member.email) },
    {
      key: "active",
      label: t("member.active"),
      children: member.active
        ? yesNo(true)
        : t("member.left", {
            date: formatDay(member.left_on),
            reason: member.left_reason ? leftReasonText(t, member.left_reason) : "—",
          }),
    },
    { key: "updated", label: t("common.updatedAt"), children: formatDateTime(member.updated_at) },
  ];

  return (
    <Descriptions
      data-testid="member-profile"
      bordered
      size="small"
      column={{ xs: 1, sm: 1, md: 2 }}
      items={items}
    />
  );
}
