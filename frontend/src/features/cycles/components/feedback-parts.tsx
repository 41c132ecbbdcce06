import { DownloadOutlined, PrinterOutlined } from "@ant-design/icons";
import { App, Button, Space, Tag } from "antd";
import { useState } from "react";
import { downloadResidenceLetter, type FeedbackRequest } from "@/features/cycles/api/feedback";
import { useCyclesT } from "@/features/cycles/messages";
import { formatDay } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage } from "@/lib/problems";

/** "Chưa trả lời" or "Đã trả lời dd/mm/yyyy", with "Trả muộn" and the stamped return envelope. */
export function FeedbackStatus({ request }: { request: FeedbackRequest }) {
  const t = useT();
  const ct = useCyclesT();
  return (
    <Space size={4} wrap>
      {request.returned_on ? (
        <Tag color="success">
          {t("feedback.returnedOn.status", { date: formatDay(request.returned_on) })}
        </Tag>
      ) : (
        <Tag>{t("feedback.open")}</Tag>
      )}
      {request.late && (
        <Tag color="orange" data-testid="feedback-late">
          {ct("feedback.late")}
        </Tag>
      )}
      {request.return_envelope && (
        <Tag data-testid="feedback-envelope">{ct("feedback.returnEnvelope")}</Tag>
      )}
    </Space>
  );
}

/** The due date, marked red when it has passed without an answer. */
export function FeedbackDue({ request }: { request: FeedbackRequest }) {
  const t = useT();
  return (
    <Space size={4} wrap>
      {formatDay(request.due_on)}
      {request.overdue && <Tag color="red">{t("feedback.overdue")}</Tag>}
    </Space>
  );
}

/** The letter to the residence party committee (P2), fetched with the bearer token: DOCX to
 * edit, PDF to print. */
export function LetterButton({ request }: { request: FeedbackRequest }) {
  const t = useT();
  const { message } = App.useApp();
  const [downloading, setDownloading] = useState<"docx" | "pdf" | null>(null);
  if (request.source !== "residence") return null;
  const download = (format: "docx" | "pdf") => {
    setDownloading(format);
    downloadResidenceLetter(request, format)
      .catch((error: unknown) => void message.error(errorMessage(error, t)))
      .finally(() => setDownloading(null));
  };
  return (
    <Space size={4}>
      <Button
        size="small"
        icon={<DownloadOutlined />}
        loading={downloading === "docx"}
        onClick={() => download("docx")}
      >
        {t("feedback.letter")}
      </Button>
      <Button
        size="small"
        icon={<PrinterOutlined />}
        loading={downloading === "pdf"}
        onClick={() => download("pdf")}
      >
        {t("feedback.letterPdf")}
      </Button>
    </Space>
  );
}
