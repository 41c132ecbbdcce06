import { InboxOutlined } from "@ant-design/icons";
import { Button, Card, Flex, Result, Steps, Typography, Upload } from "antd";
import { useState, type ReactNode } from "react";
import { Link } from "react-router";
import { FormError } from "@/components/ui/form-error";
import { ImportReportView } from "@/components/ui/import-report";
import { useImport } from "@/features/members/api/import-members";
import { importAccept, refusedRows, reportOfRows, type ImportReport } from "@/lib/import-file";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage } from "@/lib/problems";

type Props = {
  title: string;
  /** What the file holds (its columns), and the template when there is one. */
  intro: ReactNode;
  /** More choices for the import (e.g. a default branch). */
  options?: ReactNode;
  /** Sends `file`: a dry run (nothing written) or the real import. */
  importFile: (file: File, dryRun: boolean) => Promise<ImportReport>;
  "data-testid"?: string;
};

/**
 * Choose a file → dry run (what would change, every invalid row) → the real import, only once
 * the file is clean. Nothing is written until the last step, and then all or nothing.
 */
export function ImportWizard({ title, intro, options, importFile, ...rest }: Props) {
  const t = useT();
  const run = useImport(({ file, dryRun }: { file: File; dryRun: boolean }) =>
    importFile(file, dryRun),
  );
  const [file, setFile] = useState<File | null>(null);
  const [check, setCheck] = useState<ImportReport | null>(null);
  const [done, setDone] = useState<ImportReport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const step = done !== null ? 2 : check !== null ? 1 : 0;

  const start = (dryRun: boolean) => {
    if (file === null) return;
    setFailure(null);
    run.mutate(
      { file, dryRun },
      {
        onSuccess: (report) => (dryRun ? setCheck(report) : setDone(report)),
        onError: (error) => {
          // Invalid rows (a real import writes nothing then): shown as the check's errors.
          const rows = refusedRows(error);
          if (rows !== null && rows.length > 0) {
            setCheck(reportOfRows(check, rows));
            if (!dryRun) setFailure(errorMessage(error, t));
          } else {
            setFailure(errorMessage(error, t));
          }
        },
      },
    );
  };

  const restart = () => {
    setFile(null);
    setCheck(null);
    setDone(null);
    setFailure(null);
  };

  const clean = check !== null && check.errors.length === 0 && !check.errors_truncated;

  return (
    <Card title={title} data-testid={rest["data-testid"]}>
      <Steps
        current={step}
        style={{ marginBottom: 24 }}
        items={[
          { title: t("import.step.file") },
          { title: t("import.step.check") },
          { title: t("import.step.done") },
        ]}
      />
      <FormError message={failure} />
      {step === 0 && (
        <Flex vertical gap={16}>
          <div>{intro}</div>
          <Upload.Dragger
            accept={importAccept}
            maxCount={1}
            // The file is sent by the steps below, not by the Upload itself.
            beforeUpload={(chosen) => {
              setFile(chosen);
              setFailure(null);
              return false;
            }}
            onRemove={() => setFile(null)}
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
          {options}
          <div>
            <Button
              type="primary"
              disabled={file === null}
              loading={run.isPending}
              onClick={() => start(true)}
            >
              {t("import.check")}
            </Button>
          </div>
        </Flex>
      )}
      {step === 1 && check !== null && (
        <Flex vertical gap={16}>
          <Typography.Text>
            {t("import.file", { name: file?.name ?? "" })}
          </Typography.Text>
          <ImportReportView report={check} />
          <Flex gap={8} wrap>
            <Button onClick={restart} disabled={run.isPending}>
              {t("import.otherFile")}
            </Button>
            <Button onClick={() => start(true)} loading={run.isPending && !clean}>
              {t("import.checkAgain")}
            </Button>
            <Button
              type="primary"
              disabled={!clean}
              loading={run.isPending && clean}
              onClick={() => start(false)}
            >
              {t("import.confirm")}
            </Button>
          </Flex>
        </Flex>
      )}
      {step === 2 && done !== null && (
        <Result
          status="success"
          title={t("import.done")}
          subTitle={t("import.done.summary", {
            created: done.created,
            updated: done.updated,
            unchanged: done.unchanged,
          })}
          extra={[
            <Link key="list" to="/members">
              <Button type="primary">{t("import.toList")}</Button>
            </Link>,
            <Button key="again" onClick={restart}>
              {t("import.again")}
            </Button>,
          ]}
        />
      )}
    </Card>
  );
}
