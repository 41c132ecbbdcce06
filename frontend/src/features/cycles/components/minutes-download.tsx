import { DownloadOutlined } from "@ant-design/icons";
import { App, Button, Dropdown } from "antd";
import { useState } from "react";
import { downloadMinutes, type MinutesFormat } from "@/features/cycles/api/voting";
import { useCyclesT } from "@/features/cycles/messages";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage } from "@/lib/problems";

/** The tally minutes as DOCX, XLSX or PDF (to print), fetched with the bearer token. */
export function MinutesDownload({ sid }: { sid: number }) {
  const t = useT();
  const ct = useCyclesT();
  const { message } = App.useApp();
  const [loading, setLoading] = useState(false);
  const download = (format: MinutesFormat) => {
    setLoading(true);
    downloadMinutes(sid, format)
      .catch((error: unknown) => void message.error(errorMessage(error, t)))
      .finally(() => setLoading(false));
  };
  return (
    <Dropdown
      menu={{
        items: [
          { key: "docx", label: t("voting.minutes.docx") },
          { key: "xlsx", label: t("voting.minutes.xlsx") },
          { key: "pdf", label: ct("minutes.pdf") },
        ],
        onClick: ({ key }) => download(key as MinutesFormat),
      }}
    >
      <Button icon={<DownloadOutlined />} loading={loading}>
        {t("voting.minutes")}
      </Button>
    </Dropdown>
  );
}
