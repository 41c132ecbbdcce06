import { DownloadOutlined, InboxOutlined } from "@ant-design/icons";
import { Alert, App, Button, Flex, Modal, Typography, Upload } from "antd";
import { useState } from "react";
import { FormError } from "@/components/ui/form-error";
import { ImportReportView } from "@/components/ui/import-report";
import { downloadRatingsTemplate, useImportRatings } from "@/features/cycles/api/rating-import";
import { importAccept, refusedRows, reportOfRows, type ImportReport } from "@/lib/import-file";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage } from "@/lib/problems";

type Props = { cycleId: number; onClose: () => void };

/**
 * Imports the cycle's professional ratings (M2, M9) from a spreadsheet: check it (a dry run),
 * then import it, all or nothing.
 */
export function RatingImportModal({ cycleId, onClose }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const run = useImportRatings(cycleId);
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [downloading, setDownloading] = useState(false);

  const start = (dryRun: boolean) => {
    if (file === null) return;
    setFailure(null);
    run.mutate(
      { file, dryRun },
      {
        onSuccess: (answer) => {
          setReport(answer);
          if (!dryRun) void message.success(t("ratingImport.done"));
        },
        onError: (error) => {
          // Invalid rows (a real import writes nothing then): shown as the check's errors.
          const rows = refusedRows(error);
          if (rows !== null && rows.length > 0) setReport(reportOfRows(report, rows));
          setFailure(errorMessage(error, t));
        },
      },
    );
  };

  const template = () => {
    setDownloading(true);
    downloadRatingsTemplate(cycleId)
      .catch((error: unknown) => setFailure(errorMessage(error, t)))
      .finally(() => setDownloading(false));
  };

  const checked = report !== null && report.dry_run;
  const clean = checked && report.errors.length === 0 && !report.errors_truncated;
  const imported = report !== null && !report.dry_run;

  return (
    <Modal
      open
      width={760}
      title={t("ratingImport.title")}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Flex gap={8} justify="end" wrap>
          <Button onClick={onClose}>{t("common.close")}</Button>
          {!imported && (
            <>
              <Button
                disabled={file === null}
                loading={run.isPending && !clean}
                onClick={() => start(true)}
              >
                {t("ratingImport.check")}
              </Button>
              <Button
                type="primary"
                disabled={!clean}
                loading={run.isPending && clean}
                onClick={() => start(false)}
              >
                {t("import.confirm")}
              </Button>
            </>
          )}
        </Flex>
      }
    >
      <Flex vertical gap={16} data-testid="rating-import">
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          {t("ratingImport.intro")}
        </Typography.Paragraph>
        <div>
          <Button icon={<DownloadOutlined />} loading={downloading} onClick={template}>
            {t("ratingImport.template")}
          </Button>
        </div>
        <FormError message={failure} />
        {!imported && (
          <Upload.Dragger
            accept={importAccept}
            maxCount={1}
            // The file is sent by the buttons below, not by the Upload itself.
            beforeUpload={(chosen) => {
              setFile(chosen);
              setReport(null);
              setFailure(null);
              return false;
            }}
            onRemove={() => {
              setFile(null);
              setReport(null);
            }}
            fileList={
              file === null ? [] : [{ uid: "file", name: file.name, status: "done" as const }]
            }
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t("import.choose")}</p>
            <p className="ant-upload-hint">{t("import.choose.hint")}</p>
          </Upload.Dragger>
        )}
        {imported && <Alert type="success" showIcon title={t("ratingImport.done")} />}
        {report !== null && <ImportReportView report={report} />}
      </Flex>
    </Modal>
  );
}
