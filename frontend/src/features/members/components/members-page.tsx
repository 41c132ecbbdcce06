import {
  ClearOutlined,
  FileExcelOutlined,
  FileTextOutlined,
  PlusOutlined,
  UploadOutlined,
} from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Empty,
  Flex,
  Input,
  Select,
  Space,
  Table,
  Typography,
  type TableProps,
} from "antd";
import { useCallback, useMemo, useState } from "react";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { OrgTreeSelect } from "@/components/org-tree-select";
import { PageSpinner } from "@/components/ui/page-spinner";
import { exportMembers, type FileFormat } from "@/features/members/api/downloads";
import {
  useMembers,
  type Member,
  type MembersQuery,
} from "@/features/members/api/get-members";
import { MemberFormDrawer } from "@/features/members/components/member-form-drawer";
import { MemberFlags, MemberStatusTag } from "@/features/members/components/member-tags";
import { useMemberEditing } from "@/features/members/hooks/use-member-editing";
import { paramsFromQuery, queryFromParams } from "@/features/members/utils/list-params";
import { canUse, editsMembers, readsOwnRecordOnly } from "@/lib/auth/permissions";
import type { Me } from "@/lib/auth/use-session";
import { memberCategoryText, memberStatusText } from "@/lib/domain/labels";
import { memberCategories, memberStatuses } from "@/lib/domain/members";
import { formatDay } from "@/lib/format";
import { useLocale, useT } from "@/lib/i18n/use-t";
import type { Organization } from "@/lib/org-tree";
import { errorMessage } from "@/lib/problems";
import { useDebouncedCallback } from "@/lib/use-debounced-callback";

const searchDelayMs = 350;

/** The members `me` may read; a member who reads only their own record goes straight to it. */
export function MembersPage({ me }: { me: Me }) {
  return readsOwnRecordOnly(me) ? <OwnRecord /> : <MembersList me={me} />;
}

function OwnRecord() {
  const t = useT();
  // The server answers a member's list with their own record alone.
  const members = useMembers({ page: 1, per_page: 2 });
  if (members.isPending) return <PageSpinner />;
  if (members.isError) {
    return <Alert type="error" showIcon title={errorMessage(members.error, t)} />;
  }
  const { items } = members.data;
  if (items.length === 1) return <Navigate to={`/members/${items[0].id}`} replace />;
  return <Empty description={t("members.ownRecord.none")} />;
}

/** A yes/no filter: "true", "false" or nothing (all). */
function flagValue(value: boolean | undefined): string | undefined {
  return value === undefined ? undefined : String(value);
}

function flagFrom(value: string | undefined): boolean | undefined {
  return value === undefined ? undefined : value === "true";
}

type Drawer = { memberId: number | null } | null;

function MembersList({ me }: { me: Me }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => queryFromParams(params), [params]);
  const members = useMembers(query);
  const mayEdit = useMemberEditing(me);
  const [drawer, setDrawer] = useState<Drawer>(null);
  const [exporting, setExporting] = useState<FileFormat | null>(null);
  const [text, setText] = useState(query.q ?? "");

  const setQuery = useCallback(
    (change: Partial<MembersQuery>) =>
      setParams(
        (current) => paramsFromQuery({ ...queryFromParams(current), page: 1, ...change }),
        { replace: true },
      ),
    [setParams],
  );
  const search = useDebouncedCallback((q: string) => setQuery({ q }), searchDelayMs);
  // Members sit in branches: a cell is no place to list them from.
  const selectListable = useCallback((org: Organization) => org.kind !== "cell", []);

  const { page, per_page, ...filters } = query;
  const filtered = Object.values(filters).some((value) => value !== undefined);

  const download = async (format: FileFormat) => {
    setExporting(format);
    try {
      await exportMembers(filters, format);
    } catch (error) {
      void message.error(errorMessage(error, t));
    } finally {
      setExporting(null);
    }
  };

  const flagOptions = [
    { value: "true", label: t("common.yes") },
    { value: "false", label: t("common.no") },
  ];

  const columns: TableProps<Member>["columns"] = [
    {
      title: t("member.fullName"),
      dataIndex: "full_name",
      key: "full_name",
      render: (name: string, member) => <Link to={`/members/${member.id}`}>{name}</Link>,
    },
    {
      title: t("members.column.card"),
      dataIndex: "card_number",
      key: "card_number",
      render: (value: string | null) => value ?? "—",
    },
    { title: t("member.branch"), dataIndex: "branch_name", key: "branch_name" },
    {
      title: t("member.dateOfBirth"),
      dataIndex: "date_of_birth",
      key: "date_of_birth",
      render: (value: string) => formatDay(value),
    },
    {
      title: t("members.column.status"),
      dataIndex: "status",
      key: "status",
      render: (value: string) => <MemberStatusTag status={value} />,
    },
    {
      title: t("member.category"),
      dataIndex: "category",
      key: "category",
      render: (value: string) => memberCategoryText(t, value),
    },
    {
      title: t("members.flags"),
      key: "flags",
      render: (_, member) => <MemberFlags member={member} />,
    },
    {
      title: t("common.actions"),
      key: "actions",
      render: (_, member) => (
        <Space size="small">
          <Link to={`/members/${member.id}`}>{t("common.view")}</Link>
          {mayEdit(member.branch_id) && (
            <Button
              type="link"
              size="small"
              style={{ padding: 0 }}
              aria-label={t("members.editOne", { name: member.full_name })}
              onClick={() => setDrawer({ memberId: member.id })}
            >
              {t("common.edit")}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <Flex justify="space-between" gap={16} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label={t("members.search")}
          placeholder={t("members.search")}
          allowClear
          style={{ maxWidth: 360 }}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            search.schedule(event.target.value);
          }}
          onSearch={(value) => {
            search.cancel();
            setQuery({ q: value });
          }}
        />
        <Space wrap>
          {editsMembers(me) && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setDrawer({ memberId: null })}
            >
              {t("members.create")}
            </Button>
          )}
          {canUse(me, "memberImport") && (
            <Link to="/members/import">
              <Button icon={<UploadOutlined />}>{t("members.import")}</Button>
            </Link>
          )}
          <Button
            icon={<FileExcelOutlined />}
            loading={exporting === "xlsx"}
            onClick={() => void download("xlsx")}
          >
            {t("members.export.xlsx")}
          </Button>
          <Button
            icon={<FileTextOutlined />}
            loading={exporting === "csv"}
            onClick={() => void download("csv")}
          >
            {t("members.export.csv")}
          </Button>
        </Space>
      </Flex>
      <Flex wrap gap={8} align="center" style={{ marginBottom: 16 }} data-testid="member-filters">
        <div style={{ width: 300 }}>
          <OrgTreeSelect
            aria-label={t("members.filter.organization")}
            placeholder={t("members.filter.organization")}
            selectable={selectListable}
            value={query.organization_id ?? null}
            onChange={(id) => setQuery({ organization_id: id ?? undefined })}
          />
        </div>
        <Select
          aria-label={t("member.status")}
          placeholder={t("member.status")}
          allowClear
          style={{ width: 150 }}
          value={query.status}
          onChange={(status?: string) => setQuery({ status })}
          options={memberStatuses.map((value) => ({
            value,
            label: memberStatusText(t, value),
          }))}
        />
        <Select
          aria-label={t("member.category")}
          placeholder={t("member.category")}
          allowClear
          style={{ width: 240 }}
          popupMatchSelectWidth={false}
          value={query.category}
          onChange={(category?: string) => setQuery({ category })}
          options={memberCategories.map((value) => ({
            value,
            label: memberCategoryText(t, value),
          }))}
        />
        <Select
          aria-label={t("member.exempt")}
          placeholder={t("members.filter.exempt")}
          allowClear
          style={{ width: 160 }}
          value={flagValue(query.exempt)}
          onChange={(value?: string) => setQuery({ exempt: flagFrom(value) })}
          options={flagOptions.map((option) => ({
            ...option,
            label: `${t("members.filter.exempt")}: ${option.label}`,
          }))}
        />
        <Select
          aria-label={t("member.attached")}
          placeholder={t("members.filter.attached")}
          allowClear
          style={{ width: 180 }}
          value={flagValue(query.attached)}
          onChange={(value?: string) => setQuery({ attached: flagFrom(value) })}
          options={flagOptions.map((option) => ({
            ...option,
            label: `${t("members.filter.attached")}: ${option.label}`,
          }))}
        />
        <Select
          aria-label={t("members.filter.active")}
          style={{ width: 200 }}
          value={query.active === false ? "false" : "true"}
          onChange={(value: string) => setQuery({ active: value === "false" ? false : undefined })}
          options={[
            { value: "true", label: t("members.filter.active.true") },
            { value: "false", label: t("members.filter.active.false") },
          ]}
        />
        {filtered && (
          <Button
            type="text"
            icon={<ClearOutlined />}
            onClick={() => {
              search.cancel();
              setText("");
              setParams(new URLSearchParams(), { replace: true });
            }}
          >
            {t("members.filter.clear")}
          </Button>
        )}
      </Flex>
      {members.isError && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(members.error, t)}
          style={{ marginBottom: 16 }}
        />
      )}
      <Table<Member>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={members.data?.items}
        loading={members.isFetching}
        scroll={{ x: true }}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={t(filtered ? "members.empty.filtered" : "members.empty")}
            />
          ),
        }}
        pagination={{
          current: page,
          pageSize: per_page,
          total: members.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (total) =>
            members.data?.total_exact === false
              ? t("members.totalAtLeast", { total: total.toLocaleString(locale) })
              : t("common.total", { total }),
          onChange: (next, size) => setQuery({ page: next, per_page: size }),
        }}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t("members.order")}
      </Typography.Paragraph>
      {drawer !== null && (
        <MemberFormDrawer
          me={me}
          memberId={drawer.memberId}
          onClose={() => setDrawer(null)}
          onSaved={(member, created) => {
            setDrawer(null);
            void message.success(
              t(created ? "members.created" : "members.saved", { name: member.full_name }),
            );
            if (created) void navigate(`/members/${member.id}`);
          }}
        />
      )}
    </>
  );
}
