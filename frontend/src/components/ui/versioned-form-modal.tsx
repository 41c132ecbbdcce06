import { Modal } from "antd";
import type { ReactNode } from "react";
import { StaleVersionAlert } from "@/components/ui/stale-version-alert";
import { useT } from "@/lib/i18n/use-t";

type Props = {
  title: ReactNode;
  width: number;
  /** True while the save is under way. */
  pending: boolean;
  /** True once a save was refused as stale (412). */
  stale: boolean;
  /** The stale alert's title and reload button label. */
  staleTitle: string;
  reloadLabel: string;
  /** The version the form was read at (undefined when creating). */
  baseVersion: number | undefined;
  /** The latest version known (undefined while there is none). */
  latestVersion: number | undefined;
  onReload: () => void;
  onOk: () => void;
  onCancel: () => void;
  children: ReactNode;
};

/** A modal editing a versioned record: save/cancel, and the stale-version alert on top. */
export function VersionedFormModal({
  title,
  width,
  pending,
  stale,
  staleTitle,
  reloadLabel,
  baseVersion,
  latestVersion,
  onReload,
  onOk,
  onCancel,
  children,
}: Props) {
  const t = useT();
  return (
    <Modal
      open
      width={width}
      title={title}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={pending}
      onOk={onOk}
      onCancel={onCancel}
      destroyOnHidden
    >
      {stale && (
        <StaleVersionAlert
          title={staleTitle}
          reloadLabel={reloadLabel}
          disabled={latestVersion === undefined || latestVersion === baseVersion}
          onReload={onReload}
        />
      )}
      {children}
    </Modal>
  );
}
