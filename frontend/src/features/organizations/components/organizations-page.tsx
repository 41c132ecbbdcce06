import {
  DeleteOutlined,
  DragOutlined,
  EditOutlined,
  HistoryOutlined,
  PlusOutlined,
} from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Popconfirm,
  Row,
  Space,
  Spin,
  Tree,
  Typography,
  type TreeDataNode,
} from "antd";
import { useMemo, useState, type Key } from "react";
import { OrgKindTag } from "@/components/ui/org-kind-tag";
import { useDeleteOrganization } from "@/features/organizations/api/delete-organization";
import {
  OrganizationFormModal,
  type OrganizationFormTarget,
} from "@/features/organizations/components/organization-form-modal";
import { MoveOrganizationModal } from "@/features/organizations/components/move-organization-modal";
import { OrgHistoryDrawer } from "@/features/organizations/components/org-history-drawer";
import { useOrganizationsT } from "@/features/organizations/messages";
import { administersOrg, canManageOrg, isAdmin } from "@/lib/auth/permissions";
import type { Me } from "@/lib/auth/use-session";
import { childKind, isOrgKind } from "@/lib/domain/org-kinds";
import { formatDateTime } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { flattenTree, useOrgTree, type Organization, type OrgNode } from "@/lib/org-tree";
import { errorMessage } from "@/lib/problems";

function toTreeData(nodes: OrgNode[]): TreeDataNode[] {
  return nodes.map((node) => ({
    key: node.id,
    title: (
      <span data-testid={`org-node-${node.code}`}>
        <OrgKindTag kind={node.kind} />
        {node.name} <Typography.Text type="secondary">({node.code})</Typography.Text>
      </span>
    ),
    children: toTreeData(node.children),
  }));
}

type Dialog =
  | { kind: "form"; target: OrganizationFormTarget }
  | { kind: "move"; org: Organization }
  | { kind: "history"; org: Organization }
  | null;

/** The kinds whose past years' results make five-year streaks (W4: branches, W5: bases). */
const historyKinds = ["base", "branch"];

/** The organisation tree the user can see, with a detail panel for the selected node. */
export function OrganizationsPage({ me }: { me: Me }) {
  const t = useT();
  const tree = useOrgTree();
  const [selectedId, setSelectedId] = useState<number | null>(null);
  // Everything is expanded but what the user folded: new nodes show at once.
  const [collapsed, setCollapsed] = useState<ReadonlySet<Key>>(new Set());
  const [dialog, setDialog] = useState<Dialog>(null);

  const all = useMemo(() => flattenTree(tree.data ?? []), [tree.data]);
  const treeData = useMemo(() => toTreeData(tree.data ?? []), [tree.data]);
  const selected = all.find((org) => org.id === selectedId) ?? null;
  const expandedKeys = all
    .filter((org) => org.children.length > 0 && !collapsed.has(org.id))
    .map((org) => org.id);

  const closeAndSelect = (org: Organization) => {
    setDialog(null);
    setSelectedId(org.id);
  };

  const createRoot = isAdmin(me) && (
    <Button
      icon={<PlusOutlined />}
      onClick={() =>
        setDialog({ kind: "form", target: { mode: "create", parent: null, kind: "province" } })
      }
    >
      {t("org.createProvince")}
    </Button>
  );

  let treeBody;
  if (tree.isPending) {
    treeBody = <Spin />;
  } else if (tree.isError) {
    treeBody = <Alert type="error" showIcon title={errorMessage(tree.error, t)} />;
  } else if (treeData.length === 0) {
    treeBody = <Empty description={t("org.empty")} />;
  } else {
    treeBody = (
      <Tree
        aria-label={t("org.tree")}
        blockNode
        showLine
        treeData={treeData}
        selectedKeys={selectedId === null ? [] : [selectedId]}
        // A click selects the node, even the selected one (the tree would unselect it).
        onSelect={(_, { node }) => setSelectedId(Number(node.key))}
        expandedKeys={expandedKeys}
        onExpand={(keys) => {
          const open = new Set(keys);
          setCollapsed(new Set(all.map((org) => org.id).filter((id) => !open.has(id))));
        }}
      />
    );
  }

  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} lg={11}>
        <Card title={t("org.tree")} extra={createRoot}>
          {treeBody}
        </Card>
      </Col>
      <Col xs={24} lg={13}>
        {selected === null ? (
          <Card>
            <Empty description={t("org.selectHint")} />
          </Card>
        ) : (
          <OrganizationDetail
            me={me}
            org={selected}
            parent={all.find((org) => org.id === selected.parent_id) ?? null}
            onDialog={setDialog}
            onDeleted={() => setSelectedId(null)}
          />
        )}
      </Col>
      {dialog?.kind === "form" && (
        <OrganizationFormModal
          target={dialog.target}
          onClose={() => setDialog(null)}
          onSaved={closeAndSelect}
        />
      )}
      {dialog?.kind === "move" && (
        <MoveOrganizationModal
          me={me}
          org={dialog.org}
          onClose={() => setDialog(null)}
          onMoved={closeAndSelect}
        />
      )}
      {dialog?.kind === "history" && (
        <OrgHistoryDrawer
          org={dialog.org}
          canRecord={administersOrg(me, dialog.org)}
          onClose={() => setDialog(null)}
        />
      )}
    </Row>
  );
}

type DetailProps = {
  me: Me;
  org: Organization;
  parent: Organization | null;
  onDialog: (dialog: Dialog) => void;
  onDeleted: () => void;
};

function OrganizationDetail({ me, org, parent, onDialog, onDeleted }: DetailProps) {
  const t = useT();
  const ot = useOrganizationsT();
  const { message } = App.useApp();
  const remove = useDeleteOrganization();
  const below = isOrgKind(org.kind) ? childKind(org.kind) : null;
  const mayCreate = below !== null && canManageOrg(me, org, true);
  const mayChange = canManageOrg(me, org, false);

  const del = () =>
    remove.mutate(org.id, {
      onSuccess: () => {
        void message.success(t("org.deleted", { name: org.name }));
        onDeleted();
      },
      onError: (error) => void message.error(errorMessage(error, t)),
    });

  const actions = (
    <Space wrap>
      {mayCreate && (
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() =>
            onDialog({ kind: "form", target: { mode: "create", parent: org, kind: below } })
          }
        >
          {t("org.createChild")}
        </Button>
      )}
      {mayChange && (
        <Button
          icon={<EditOutlined />}
          onClick={() => onDialog({ kind: "form", target: { mode: "rename", org } })}
        >
          {t("org.rename")}
        </Button>
      )}
      {mayChange && org.kind !== "province" && (
        <Button icon={<DragOutlined />} onClick={() => onDialog({ kind: "move", org })}>
          {t("org.move")}
        </Button>
      )}
      {historyKinds.includes(org.kind) && (
        <Button icon={<HistoryOutlined />} onClick={() => onDialog({ kind: "history", org })}>
          {ot("orgHistory.open")}
        </Button>
      )}
      {mayChange && (
        <Popconfirm
          title={t("org.delete.confirm", { name: org.name })}
          description={t("org.delete.hint")}
          okText={t("common.delete")}
          cancelText={t("common.cancel")}
          okButtonProps={{ danger: true }}
          onConfirm={del}
        >
          <Button danger icon={<DeleteOutlined />} loading={remove.isPending}>
            {t("common.delete")}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );

  return (
    <Card title={org.name} data-testid="org-detail">
      <Space orientation="vertical" size="large" style={{ width: "100%" }}>
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label={t("org.kind")}>
            <OrgKindTag kind={org.kind} />
          </Descriptions.Item>
          <Descriptions.Item label={t("org.code")}>{org.code}</Descriptions.Item>
          <Descriptions.Item label={t("org.parent")}>{parent?.name ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("common.createdAt")}>
            {formatDateTime(org.created_at)}
          </Descriptions.Item>
          <Descriptions.Item label={t("common.updatedAt")}>
            {formatDateTime(org.updated_at)}
          </Descriptions.Item>
        </Descriptions>
        {actions}
      </Space>
    </Card>
  );
}
