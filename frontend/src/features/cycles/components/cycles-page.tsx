import { PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Flex, Table, Tag } from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { useCycles, type Cycle } from "@/features/cycles/api/cycles";
import { CreateCycleModal } from "@/features/cycles/components/create-cycle-modal";
import { stageText } from "@/features/cycles/components/labels";
import { runsCycles } from "@/lib/auth/permissions";
import type { Me } from "@/lib/auth/use-session";
import { formatDay } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage } from "@/lib/problems";

export function CyclesPage({ me }: { me: Me }) {
  const t = useT();
  const navigate = useNavigate();
  const cycles = useCycles();
  const [creating, setCreating] = useState(false);

  return (
    <Flex vertical gap={16}>
      {runsCycles(me) && (
        <Flex justify="flex-end">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t("cycles.create")}
          </Button>
        </Flex>
      )}
      {cycles.isError && <Alert type="error" showIcon title={errorMessage(cycles.error, t)} />}
      <Table<Cycle>
        rowKey="id"
        loading={cycles.isPending}
        dataSource={cycles.data ?? []}
        pagination={false}
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
