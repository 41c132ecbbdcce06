import { Alert } from "antd";

/** What a failed submission leaves for the whole form (field errors show under their fields). */
export function FormError({ message }: { message: string | null }) {
  if (message === null) return null;
  return <Alert type="error" showIcon title={message} role="alert" style={{ marginBottom: 16 }} />;
}
