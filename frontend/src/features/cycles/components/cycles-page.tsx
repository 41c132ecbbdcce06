import { PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Flex, InputNumber, Table, Tag } from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { OrgTreeSelect } from "@/components/org-tree-select";
import { useCycles, type Cycle, type CyclesQuery } from "@/features/cycles/api/cycles";
import { CreateCycleModal } from "@/features/cycles/components/create-cycle-modal";
import { stageText } from "@/features/cycles/components/labels";
import { runsCycles } from "@/lib/auth/permissions";
import type { Me } from "@/lib/auth/use-session";
import { formatDay } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { PAGE_SIZE_OPTIONS, TABLE_PER_PAGE } from "@/lib/paging";
import { errorMessage } from "@/lib/problems";

// Any organisation may run a cycle: the filter offers them all.
const anyOrganization = () => true;

export function CyclesPage({ me }: { me: Me }) {
  const t = useT();
  const navigate = useNavigate();
  const [query, setQuery] = useState<CyclesQuery>({ page: 1, per_page: TABLE_PER_PAGE });
  const cycles = useCycles(query);
  const [creating, setCreating] = useState(false);
  // A filter changed starts again from the first page.
  const filter = (change: Pick<CyclesQuery, "year" | "organization_id">) =>
    setQuery((current) => ({ ...current, ...change, page: 1 }));

  return (
    <Flex vertical gap={16}>
      <Flex gap={8} wrap justify="space-between" align="center">
        <Flex gap={8} wrap align="center" data-testid="cycle-filters">
          <InputNumber
            aria-label={t("cycles.filter.year")}
            placeholder={t("cycles.year")}
            min={2000}
            max={2100}
            precision={0}
            style={{ width: 120 }}
            value={query.year ?? null}
            onChange={(year: number | null) => filter({ year: year ?? undefined })}
          />
          <div style={{ width: 300 }}>
            <OrgTreeSelect
              aria-label={t("cycles.filter.organization")}
              placeholder={t("cycles.filter.organization")}
              selectable={anyOrganization}
              value={query.organization_id ?? null}
              onChange={(id) => filter({ organization_id: id ?? undefined })}
            />
          </div>
        </Flex>
        {runsCycles(me) && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t("cycles.create")}
          </Button>
        )}
      </Flex>
      {cycles.isError && <Alert type="error" showIcon title={errorMessage(cycles.error, t)} />}
      <Table<Cycle>
        data-testid="cycles"
        rowKey="id"
        loading={cycles.isFetching}
        dataSource={cycles.data?.items}
        pagination={{
          current: query.page,
          pageSize: query.per_page,
          total: cycles.data?.total ?? 0,
          // A short list (the usual case) shows no pager at all.
          hideOnSinglePage: true,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZE_OPTIONS,
          showTotal: (total) => t("common.total", { total }),
          onChange: (page, per_page) => setQuery((current) => ({ ...current, page, per_page })),
        }}
        locale={{ emptyText: t("cycles.empty") }}
        columns={[
          { title: t("cycles.year"), dataIndex: "year", width: 90 },
          {
            title: t("cycles.organization"),
            dataIndex: "organization_name",
            render: (name: string, cycle) => <Link to={`/cycles/${cycle.id}`}>{name}</Link>,
          },
          {
            title: t("cycles.referenceDate"),
            dataIndex: "reference_date",
            render: (value: string) => formatDay(value),
          },
          {
            title: t("cycles.stage"),
            dataIndex: "stage",
            render: (stage: string) => (
              <Tag color={stage === "closed" ? "default" : "blue"}>{stageText(t, stage)}</Tag>
            ),
          },
        ]}
      />
      {creating && (
        <CreateCycleModal
          onClose={() => setCreating(false)}
          onCreated={(cycle) => {
            setCreating(false);
            void navigate(`/cycles/${cycle.id}`);
          }}
        />
      )}
    </Flex>
  );
}
