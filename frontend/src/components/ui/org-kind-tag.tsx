import { Tag } from "antd";
import { orgKindText } from "@/lib/domain/labels";
import { useT } from "@/lib/i18n/use-t";

export function OrgKindTag({ kind }: { kind: string }) {
  const t = useT();
  return <Tag>{orgKindText(t, kind)}</Tag>;
}
