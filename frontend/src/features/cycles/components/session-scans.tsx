import { DeleteOutlined, DownloadOutlined, UploadOutlined } from "@ant-design/icons";
import { App, Button, Card, Flex, Form, Input, Space, Table, Typography, Upload } from "antd";
import { useState } from "react";
import { FormError } from "@/components/ui/form-error";
import {
  useDeleteSessionScan,
  useSessionScans,
  useUploadSessionScan,
} from "@/features/cycles/api/voting";
import { useCyclesT } from "@/features/cycles/messages";
import {
  downloadAttachment,
  scanAccept,
  scanMaxBytes,
  type AttachmentRecord,
} from "@/lib/attachments";
import { formatDateTime, sizeText } from "@/lib/format";
import { useLocale, useT } from "@/lib/i18n/use-t";
import { errorMessage, useFormProblem } from "@/lib/problems";

type Values = { title: string };

/**
 * The scans of the session's signed minutes (PDF, JPEG, PNG): upload one under a title, list,
 * download (with the bearer token) and delete them. The dossier of the year carries them.
 */
export function SessionScans({ sid }: { sid: number }) {
  const t = useT();
  const ct = useCyclesT();
  const { locale } = useLocale();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const scans = useSessionScans(sid);
  const upload = useUploadSessionScan(sid);
  const remove = useDeleteSessionScan(sid);
  const problem = useFormProblem(form);
  const [downloading, setDownloading] = useState<number | null>(null);

  const send = (file: File) => {
    problem.setMessage(null);
    if (file.size > scanMaxBytes) {
      problem.setMessage(ct("scans.tooLarge"));
      return;
    }
    form
      .validateFields()
      .then(({ title }) =>
        upload.mutate(
          { file, title: title.trim() },
          {
            onSuccess: () => void message.success(ct("scans.uploaded")),
            onError: problem.show,
          },
        ),
      )
      // The title's own message shows under it.
      .catch(() => undefined);
  };

  const download = (scan: AttachmentRecord) => {
    setDownloading(scan.id);
    downloadAttachment(scan.id, scan.file_name)
      .catch((error: unknown) => void message.error(errorMessage(error, t)))
      .finally(() => setDownloading(null));
  };

  const confirmDelete = (scan: AttachmentRecord) => {
    void modal.confirm({
      title: ct("scans.delete.confirm", { name: scan.file_name }),
      okText: t("common.delete"),
      okButtonProps: { danger: true },
      cancelText: t("common.cancel"),
      onOk: () =>
        remove
          .mutateAsync(scan.id)
          .then(() => void message.success(ct("scans.deleted")))
          .catch((error: unknown) => void message.error(errorMessage(error, t))),
    });
  };

  return (
    <Card title={ct("scans.title")} data-testid="session-scans">
      <Typography.Paragraph type="secondary">{ct("scans.intro")}</Typography.Paragraph>
      <FormError message={problem.message} />
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={upload.isPending}
        initialValues={{ title: ct("scans.defaultTitle") }}
      >
        <Flex gap={16} align="end" wrap>
          <Form.Item
            name="title"
            label={ct("scans.docTitle")}
            rules={[{ required: true, whitespace: true, message: t("validation.required") }]}
            style={{ flex: 1, minWidth: 240, maxWidth: 480 }}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item>
            <Upload
              accept={scanAccept}
              showUploadList={false}
              // The file is sent as the raw body by `send`, not by the Upload itself.
              beforeUpload={(file) => {
                send(file);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={upload.isPending}>
                {ct("scans.choose")}
              </Button>
            </Upload>
          </Form.Item>
        </Flex>
      </Form>
      <Table<AttachmentRecord>
        data-testid="scan-list"
        size="small"
        rowKey="id"
        pagination={false}
        loading={scans.isPending}
        dataSource={scans.data ?? []}
        locale={{
          emptyText: scans.isError ? errorMessage(scans.error, t) : ct("scans.empty"),
        }}
        scroll={{ x: true }}
        columns={[
          {
            title: ct("scans.docTitle"),
            key: "title",
            render: (_, scan) => (
              <>
                {scan.title}
                <br />
                <Typography.Text type="secondary">{scan.file_name}</Typography.Text>
              </>
            ),
          },
          {
            title: ct("scans.size"),
            key: "size",
            align: "right",
            render: (_, scan) => sizeText(scan.size, locale),
          },
          { title: ct("scans.uploadedBy"), dataIndex: "uploaded_by" },
          {
            title: ct("scans.uploadedAt"),
            key: "uploaded_at",
            render: (_, scan) => formatDateTime(scan.uploaded_at),
          },
          {
            title: "",
            key: "actions",
            render: (_, scan) => (
              <Space>
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  loading={downloading === scan.id}
                  aria-label={ct("scans.downloadOne", { title: scan.title })}
                  onClick={() => download(scan)}
                >
                  {ct("scans.download")}
                </Button>
                <Button
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={ct("scans.deleteOne", { title: scan.title })}
                  onClick={() => confirmDelete(scan)}
                />
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
