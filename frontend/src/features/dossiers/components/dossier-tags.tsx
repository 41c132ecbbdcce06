import { Tag } from "antd";
import type { DossierStatus } from "@/features/dossiers/api/dossiers";
import { statusColor, statusText } from "@/features/dossiers/components/labels";
import { useDossiersT } from "@/features/dossiers/messages";

/** A dossier's status, with "Nộp muộn" when the latest submission was late and "Quá hạn". */
export function DossierTags({ dossier }: { dossier: DossierStatus }) {
  const dt = useDossiersT();
  return (
    <>
      <Tag color={statusColor(dossier.status)}>{statusText(dt, dossier.status)}</Tag>
      {dossier.late && <Tag color="red">{dt("dossiers.late")}</Tag>}
      {dossier.overdue && <Tag color="volcano">{dt("dossiers.overdue")}</Tag>}
      {dossier.cycle_id == null && <Tag>{dt("dossiers.noCycle")}</Tag>}
    </>
  );
}
