import { Select } from "antd";
import { useMemo } from "react";
import { orgKindText } from "@/lib/domain/labels";
import { useT } from "@/lib/i18n/use-t";
import { flattenTree, useOrgTree, type Organization } from "@/lib/org-tree";

type Props = {
  id?: string;
  value?: number;
  onChange?: (value: number) => void;
  /** The organisations offered, in tree order. */
  offered: (org: Organization) => boolean;
  "aria-label": string;
};

/** Picks one of the organisations the user can see, by name (a flat, searchable list; a form control). */
export function OrgSelect({ value, onChange, offered, ...rest }: Props) {
  const t = useT();
  const tree = useOrgTree();
  const options = useMemo(
    () =>
      flattenTree(tree.data ?? [])
        .filter(offered)
        .map((org) => ({ value: org.id, label: `${org.name} (${orgKindText(t, org.kind)})` })),
    [tree.data, offered, t],
  );
  return (
    <Select
      {...rest}
      value={value}
      onChange={onChange}
      options={options}
      loading={tree.isPending}
      showSearch={{ optionFilterProp: "label" }}
      style={{ minWidth: 320 }}
    />
  );
}

