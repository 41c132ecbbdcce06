import { Typography } from "antd";
import { WhatIfPage } from "@/features/classification/components/what-if-page";
import { useT } from "@/lib/i18n/use-t";

export function WhatIfRoute() {
  const t = useT();
  return (
    <>
      <Typography.Title level={2}>{t("menu.whatIf")}</Typography.Title>
      <WhatIfPage />
    </>
  );
}
