import { DownloadOutlined } from "@ant-design/icons";
import { App, Button, Flex, Form, Space, Typography } from "antd";
import { useCallback, useState } from "react";
import { OrgTreeSelect } from "@/components/org-tree-select";
import { downloadTemplate, type FileFormat } from "@/features/members/api/downloads";
import { importHistory, importMembers } from "@/features/members/api/import-members";
import { ImportWizard } from "@/features/members/components/import-wizard";
import { canImportMembersInto, editsMembers } from "@/lib/auth/permissions";
import type { Me } from "@/lib/auth/use-session";
import { useT } from "@/lib/i18n/use-t";
import type { Organization } from "@/lib/org-tree";
import { errorMessage } from "@/lib/problems";

/** Importing members from a spreadsheet, and past years' results. */
export function ImportPage({ me }: { me: Me }) {
  return (
    <Flex vertical gap={24}>
      <MembersImport me={me} />
      {/* Past results are written by those who edit members (not by integration clients). */}
      {editsMembers(me) && <HistoryImport />}
    </Flex>
  );
}

function TemplateLinks() {
  const t = useT();
  const { message } = App.useApp();
  const [loading, setLoading] = useState<FileFormat | null>(null);
  const get = async (format: FileFormat) => {
    setLoading(format);
    try {
      await downloadTemplate(format);
    } catch (error) {
      void message.error(errorMessage(error, t));
    } finally {
      setLoading(null);
    }
  };
  return (
    <Space wrap>
      <Button
        type="link"
        icon={<DownloadOutlined />}
        loading={loading === "xlsx"}
        onClick={() => void get("xlsx")}
      >
        {t("import.template.xlsx")}
      </Button>
      <Button
        type="link"
        icon={<DownloadOutlined />}
        loading={loading === "csv"}
        onClick={() => void get("csv")}
      >
        {t("import.template.csv")}
      </Button>
    </Space>
  );
}

function MembersImport({ me }: { me: Me }) {
  const t = useT();
  const [branchId, setBranchId] = useState<number | null>(null);
  const selectable = useCallback(
    (org: Organization) => org.kind === "branch" && canImportMembersInto(me, org),
    [me],
  );
  return (
    <ImportWizard
      data-testid="members-import"
      title={t("import.members.title")}
      intro={
        <>
          <Typography.Paragraph>{t("import.members.intro")}</Typography.Paragraph>
          <TemplateLinks />
        </>
      }
      options={
        <Form layout="vertical" component="div">
          <Form.Item
            label={t("import.defaultBranch")}
            extra={t("import.defaultBranch.hint")}
            htmlFor="import-default-branch"
            style={{ maxWidth: 480, marginBottom: 0 }}
          >
            <OrgTreeSelect
              id="import-default-branch"
              selectable={selectable}
              value={branchId}
              onChange={setBranchId}
              placeholder={t("import.defaultBranch.placeholder")}
            />
          </Form.Item>
        </Form>
      }
      importFile={(file, dryRun) => importMembers({ file, dryRun, branchId })}
    />
  );
}

function HistoryImport() {
  const t = useT();
  return (
    <ImportWizard
      data-testid="history-import"
      title={t("import.history.title")}
      intro={<Typography.Paragraph>{t("import.history.intro")}</Typography.Paragraph>}
      importFile={(file, dryRun) => importHistory({ file, dryRun })}
    />
  );
}
