import { DownloadOutlined } from "@ant-design/icons";
import { App, Button, type ButtonProps } from "antd";
import { useState, type ReactNode } from "react";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage } from "@/lib/problems";

type Props = {
  label: string;
  /** Fetches the file (with the bearer token) and saves it. */
  download: () => Promise<void>;
  type?: ButtonProps["type"];
  size?: ButtonProps["size"];
  /** The icon (a download arrow unless given: a printer for a PDF, say). */
  icon?: ReactNode;
  /** The accessible name, when the label alone does not say which file (e.g. "In (PDF)"). */
  ariaLabel?: string;
};

/** A button that downloads a file of the API; a failure shows as a message. */
export function DownloadButton({ label, download, type, size, icon, ariaLabel }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [loading, setLoading] = useState(false);
  const run = () => {
    setLoading(true);
    download()
      .catch((error: unknown) => void message.error(errorMessage(error, t)))
      .finally(() => setLoading(false));
  };
  return (
    <Button
      icon={icon ?? <DownloadOutlined />}
      type={type}
      size={size}
      loading={loading}
      aria-label={ariaLabel}
      onClick={run}
    >
      {label}
    </Button>
  );
}
