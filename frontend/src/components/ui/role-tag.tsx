import { Tag } from "antd";
import type { components } from "@/api/schema";
import { roleText } from "@/lib/domain/labels";
import { useT } from "@/lib/i18n/use-t";

type RoleAssignment = components["schemas"]["RoleAssignment"];

const roleColors: Record<string, string> = {
  admin: "red",
  committee: "volcano",
  branch_committee: "gold",
  inspection: "purple",
  feedback_provider: "cyan",
  member: "blue",
  integration: "geekblue",
};

export function RoleTag({ assignment }: { assignment: RoleAssignment }) {
  const t = useT();
  return (
    <Tag color={roleColors[assignment.role]} style={{ whiteSpace: "normal" }}>
      {roleText(t, assignment)}
    </Tag>
  );
}
