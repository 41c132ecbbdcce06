import { ReloadOutlined } from "@ant-design/icons";
import { Alert, Button } from "antd";

type Props = {
  /** What happened: someone changed the record since it was read. */
  title: string;
  /** The reload button's label. */
  reloadLabel: string;
  /** True while there is nothing newer to start again from (the latest is the version edited). */
  disabled: boolean;
  onReload: () => void;
};

/** A save refused as stale (412): says so, with a button to start again from the latest version. */
export function StaleVersionAlert({ title, reloadLabel, disabled, onReload }: Props) {
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      title={title}
      style={{ marginBottom: 16 }}
      action={
        <Button size="small" icon={<ReloadOutlined />} disabled={disabled} onClick={onReload}>
          {reloadLabel}
        </Button>
      }
    />
  );
}
