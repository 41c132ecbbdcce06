import { DownloadOutlined } from "@ant-design/icons";
import { App, Button, type ButtonProps } from "antd";
import { useState } from "react";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage } from "@/lib/problems";

type Props = {
  label: string;
  /** Fetches the file (with the bearer token) and saves it. */
  download: () => Promise<void>;
  type?: ButtonProps["type"];
  size?: ButtonProps["size"];
};

/** A button that downloads a file of the API; a failure shows as a message. */
export function DownloadButton({ label, download, type, size }: Props) {
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
    <Button icon={<DownloadOutlined />} type={type} size={size} loading={loading} onClick={run}>
      {label}
    </Button>
  );
}
