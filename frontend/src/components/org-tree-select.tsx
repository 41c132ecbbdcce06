import { TreeSelect, type TreeSelectProps } from "antd";
import { useMemo } from "react";
import { orgKindText } from "@/lib/domain/labels";
import { useT } from "@/lib/i18n/use-t";
import { useOrgTree, type Organization, type OrgNode } from "@/lib/org-tree";

type TreeData = NonNullable<TreeSelectProps["treeData"]>;

type Props = {
  id?: string;
  value?: number | null;
  onChange?: (value: number | null) => void;
  /** The organisations that may be picked; the others stay visible to show the tree. */
  selectable: (org: Organization) => boolean;
  placeholder?: string;
  "aria-label"?: string;
};

/** Picks one organisation from the tree the user can see (a form control). */
export function OrgTreeSelect({ selectable, value, onChange, ...rest }: Props) {
  const t = useT();
  const tree = useOrgTree();
  const treeData = useMemo(() => {
    const toData = (nodes: OrgNode[]): TreeData =>
      nodes.map((node) => ({
        value: node.id,
        title: `${node.name} (${orgKindText(t, node.kind)})`,
        disabled: !selectable(node),
        children: toData(node.children),
      }));
    return toData(tree.data ?? []);
  }, [tree.data, selectable, t]);

  return (
    <TreeSelect
      {...rest}
      value={value ?? undefined}
      onChange={(next: number | undefined) => onChange?.(next ?? null)}
      treeData={treeData}
      loading={tree.isPending}
      showSearch={{ treeNodeFilterProp: "title" }}
      treeDefaultExpandAll
      allowClear
      style={{ width: "100%" }}
    />
  );
}
