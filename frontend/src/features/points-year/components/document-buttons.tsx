import { PrinterOutlined } from "@ant-design/icons";
import { Space, type ButtonProps } from "antd";
import { DownloadButton } from "@/components/ui/download-button";
import type { DocumentFormat } from "@/features/points-year/api/points";
import { usePointsT } from "@/features/points-year/messages";

type Props = {
  /** The DOCX button's label. */
  label: string;
  /** The PDF button's accessible name (its text is "In (PDF)"): which form it prints. */
  pdfLabel: string;
  /** Fetches the form as DOCX or PDF (with the bearer token) and saves it. */
  download: (format: DocumentFormat) => Promise<void>;
  type?: ButtonProps["type"];
  size?: ButtonProps["size"];
};

/** A form of the year to download: as DOCX (to edit) and, beside it, printed as PDF. */
export function DocumentButtons({ label, pdfLabel, download, type, size }: Props) {
  const pt = usePointsT();
  return (
    <Space size={4} wrap>
      <DownloadButton type={type} size={size} label={label} download={() => download("docx")} />
      <DownloadButton
        type={type}
        size={size}
        icon={<PrinterOutlined />}
        label={pt("document.pdf")}
        ariaLabel={pdfLabel}
        download={() => download("pdf")}
      />
    </Space>
  );
}
