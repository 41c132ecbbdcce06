import { SaveOutlined, SendOutlined } from "@ant-design/icons";
import { Alert, App, Button, Space, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import type { components } from "@/api/schema";
import {
  assessmentStatusColor,
  assessmentStatusText,
  frameText,
} from "@/features/points-year/labels";
import { usePointsT } from "@/features/points-year/messages";
import { formatDateTime } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";

type FrameInfo = components["schemas"]["FrameInfo"];

type StatusProps = {
  status: string;
  submittedAt?: string | null;
  /** Who submitted it, where the form says. */
  submittedBy?: string | null;
  /** Tags after the status (e.g. entered from paper). */
  tags?: ReactNode;
  /** The form's document to download, once there is something to print. */
  download?: ReactNode;
};

/** A points form's status, when and by whom it was submitted, and its document. */
export function FormStatusLine({ status, submittedAt, submittedBy, tags, download }: StatusProps) {
  const pt = usePointsT();
  return (
    <Space wrap>
      <Tag data-testid="points-status" color={assessmentStatusColor(status)}>
        {assessmentStatusText(pt, status)}
      </Tag>
      {tags}
      {submittedAt && (
        <Typography.Text type="secondary">
          {[pt("form.submittedAt", { time: formatDateTime(submittedAt) }), submittedBy]
            .filter(Boolean)
            .join(" — ")}
        </Typography.Text>
      )}
      {status !== "not_started" && download}
    </Space>
  );
}

type ButtonsProps = {
  /** `true` while submitting, `false` while saving a draft, null when idle. */
  saving: boolean | null;
  /** Saves (`submit` false) or submits; settles once the answer is shown. */
  save: (submit: boolean) => Promise<void>;
  confirmTitle: string;
};

/** Save a draft, or submit after a confirmation (a submitted form no longer changes). */
export function SaveSubmitButtons({ saving, save, confirmTitle }: ButtonsProps) {
  const t = useT();
  const pt = usePointsT();
  const { modal } = App.useApp();
  const confirmSubmit = () => {
    void modal.confirm({
      title: confirmTitle,
      content: pt("submit.confirmHint"),
      okText: pt("submit"),
      cancelText: t("common.cancel"),
      onOk: () => save(true),
    });
  };
  return (
    <Space>
      <Button
        icon={<SaveOutlined />}
        loading={saving === false}
        disabled={saving !== null}
        onClick={() => void save(false)}
      >
        {pt("save")}
      </Button>
      <Button
        type="primary"
        icon={<SendOutlined />}
        loading={saving === true}
        disabled={saving !== null}
        onClick={confirmSubmit}
      >
        {pt("submit")}
      </Button>
    </Space>
  );
}

/** Why a form only shows: the cycle is closed, or the caller only reads it. */
export type ReadOnlyReason = "closed" | "readOnly" | null;

/** Why the form cannot be changed, if it cannot: submitted, the cycle closed, only read. */
export function FormLockNote({
  submitted,
  readOnly,
}: {
  submitted: boolean;
  readOnly: ReadOnlyReason;
}) {
  const pt = usePointsT();
  if (submitted) return <Alert type="info" showIcon title={pt("form.locked")} />;
  return readOnly && <Alert type="info" showIcon title={pt(`form.${readOnly}`)} />;
}

/** The frame a form is scored on, as a line of text. */
export function FrameLine({ frame }: { frame: FrameInfo }) {
  const pt = usePointsT();
  return (
    <Typography.Paragraph data-testid="points-frame">
      <Typography.Text strong>{pt("form.frame")}: </Typography.Text>
      {frameText(pt, frame)}
    </Typography.Paragraph>
  );
}
