import { ReloadOutlined } from "@ant-design/icons";
import { Alert, Button } from "antd";
import { useState } from "react";
import { useT } from "@/lib/i18n/use-t";

/** A change refused with 412: someone else changed the record since it was read. */
export function StaleRecordAlert({ onReload }: { onReload: () => Promise<unknown> }) {
  const t = useT();
  const [reloading, setReloading] = useState(false);
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      title={t("member.stale")}
      style={{ marginBottom: 16 }}
      action={
        <Button
          size="small"
          icon={<ReloadOutlined />}
          loading={reloading}
          onClick={() => {
            setReloading(true);
            void onReload().finally(() => setReloading(false));
          }}
        >
          {t("member.stale.reload")}
        </Button>
      }
    />
  );
}
