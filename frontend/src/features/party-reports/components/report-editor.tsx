import {
  Alert,
  App,
  Button,
  Col,
  Flex,
  Form,
  Input,
  Row,
  Typography,
} from "antd";
import type { TextAreaRef } from "antd/es/input/TextArea";
import { useRef, useState } from "react";
import { ApiError } from "@/api/problem";
import { FormError } from "@/components/ui/form-error";
import {
  useSaveReport,
  type Figure,
  type PartyReport,
  type ReportKey,
} from "@/features/party-reports/api/party-reports";
import {
  renderBody,
  templateBody,
  templateSignerTitle,
  templateTitle,
} from "@/features/party-reports/components/templates";
import { usePartyReportsT } from "@/features/party-reports/messages";
import { useT } from "@/lib/i18n/use-t";
import { useFormProblem } from "@/lib/problems";

type Values = { title: string; body: string; signer_title: string; signer_name: string };

type Props = {
  reportKey: ReportKey;
  /** The report as saved last; undefined: not written yet (the editor starts from a template). */
  report: PartyReport | undefined;
  figures: Figure[];
  organizationName: string;
  /** The organisation's committee writes; others (and everyone once approved) only read. */
  readOnly: boolean;
};

/**
 * A report's text, its title and signature, with the year's figures beside it: clicking one
 * inserts its `{{key}}` at the cursor. Each save is a new version, made on the version edited
 * from (412 when someone saved since); the API's 422 shows under its field.
 */
export function ReportEditor({ reportKey, report, figures, organizationName, readOnly }: Props) {
  const t = useT();
  const pt = usePartyReportsT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveReport();
  const problem = useFormProblem(form);
  const bodyRef = useRef<TextAreaRef>(null);
  // The version this text was edited from: 0 before the first save.
  const [version, setVersion] = useState(report?.version ?? 0);
  const body = Form.useWatch("body", form);
  const approved = report?.status === "approved";

  const initialValues: Values = report
    ? {
        title: report.title,
        body: report.body,
        signer_title: report.signer_title,
        signer_name: report.signer_name,
      }
    : {
        title: templateTitle(reportKey.kind, organizationName, reportKey.year),
        body: templateBody(reportKey.kind, figures),
        signer_title: templateSignerTitle(reportKey.kind),
        signer_name: "",
      };

  const submit = (values: Values) => {
    problem.setMessage(null);
    save.mutate(
      {
        ...reportKey,
        version,
        title: values.title.trim(),
        body: values.body,
        signer_title: values.signer_title.trim(),
        signer_name: values.signer_name.trim(),
      },
      {
        onSuccess: (saved) => {
          setVersion(saved.version);
          void message.success(pt("partyReports.saved", { version: saved.version }));
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 412) {
            problem.setMessage(pt("partyReports.stale"));
          } else if (error instanceof ApiError && error.status === 409) {
            problem.setMessage(pt("partyReports.alreadyApproved"));
          } else {
            problem.show(error);
          }
        },
      },
    );
  };

  /** `{{key}}` in place of the selection (at the cursor), the cursor after it. */
  const insert = (key: string) => {
    const element = bodyRef.current?.resizableTextArea?.textArea;
    const current = (form.getFieldValue("body") as string | undefined) ?? "";
    const start = element?.selectionStart ?? current.length;
    const end = element?.selectionEnd ?? start;
    const token = `{{${key}}}`;
    form.setFieldValue("body", current.slice(0, start) + token + current.slice(end));
    const cursor = start + token.length;
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(cursor, cursor);
    });
  };

  const preview = approved && report ? report.rendered : renderBody(body ?? "", figures);
  const required = { required: true, whitespace: true, message: t("validation.required") };

  return (
    <Flex vertical gap={16} data-testid={`report-editor-${reportKey.kind}`}>
      {approved && <Alert type="info" showIcon title={pt("partyReports.form.readOnly")} />}
      <FormError message={problem.message} />
      <Form<Values>
        form={form}
        name={`party-report-${reportKey.kind}`}
        layout="vertical"
        onFinish={submit}
        initialValues={initialValues}
      >
        <Form.Item name="title" label={pt("partyReports.form.title")} rules={[required]}>
          <Input readOnly={readOnly} maxLength={300} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} lg={16}>
            <Form.Item
              name="body"
              label={pt("partyReports.form.body")}
              extra={readOnly ? undefined : pt("partyReports.form.body.hint")}
              rules={[required]}
            >
              <Input.TextArea ref={bodyRef} readOnly={readOnly} rows={20} />
            </Form.Item>
          </Col>
          <Col xs={24} lg={8}>
            <Typography.Text strong>{pt("partyReports.figures")}</Typography.Text>
            {!readOnly && (
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                {pt("partyReports.figures.hint")}
              </Typography.Paragraph>
            )}
            <Flex
              vertical
              data-testid="report-figures"
              style={{ maxHeight: 480, overflowY: "auto" }}
            >
              {figures.map((figure) => {
                const content = (
                  <Flex vertical align="start" style={{ width: "100%" }}>
                    <Typography.Text>{figure.label}</Typography.Text>
                    <Flex gap={8} wrap>
                      <Typography.Text strong>{figure.value}</Typography.Text>
                      <Typography.Text type="secondary" code>
                        {`{{${figure.key}}}`}
                      </Typography.Text>
                    </Flex>
                  </Flex>
                );
                return readOnly ? (
                  <div key={figure.key} style={{ padding: "4px 15px" }}>
                    {content}
                  </div>
                ) : (
                  <Button
                    key={figure.key}
                    type="text"
                    aria-label={pt("partyReports.figure.insert", { label: figure.label })}
                    onClick={() => insert(figure.key)}
                    style={{ height: "auto", textAlign: "left", justifyContent: "flex-start" }}
                  >
                    {content}
                  </Button>
                );
              })}
            </Flex>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="signer_title"
              label={pt("partyReports.form.signerTitle")}
              rules={[required]}
            >
              <Input.TextArea readOnly={readOnly} rows={2} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="signer_name"
              label={pt("partyReports.form.signerName")}
              rules={[required]}
            >
              <Input readOnly={readOnly} maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
        {!readOnly && (
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {pt("partyReports.save")}
          </Button>
        )}
      </Form>
      <div>
        <Typography.Title level={5}>
          {pt(approved ? "partyReports.preview.approved" : "partyReports.preview")}
        </Typography.Title>
        <Typography.Paragraph
          data-testid={`report-preview-${reportKey.kind}`}
          style={{
            whiteSpace: "pre-wrap",
            border: "1px solid rgba(5, 5, 5, 0.06)",
            borderRadius: 8,
            padding: 16,
            margin: 0,
          }}
        >
          {preview}
        </Typography.Paragraph>
      </div>
    </Flex>
  );
}
