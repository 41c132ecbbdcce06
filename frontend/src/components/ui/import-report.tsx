import { Alert, Col, Flex, Row, Statistic, Table, type TableProps } from "antd";
import type { ImportReport, RowError } from "@/lib/import-file";
import { useT } from "@/lib/i18n/use-t";

// A row may have several errors: each is listed by its place in the report.
type ListedError = RowError & { key: number };

/** What an import would do (a dry run) or did, and every invalid row. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const t = useT();
  const errorCount = report.errors.length;
  const columns: TableProps<ListedError>["columns"] = [
    { title: t("import.error.row"), dataIndex: "row", key: "row", width: 90 },
    {
      title: t("import.error.column"),
      dataIndex: "column",
      key: "column",
      width: 200,
      render: (value: string | null) => value ?? "—",
    },
    { title: t("import.error.message"), dataIndex: "message", key: "message" },
  ];

  return (
    <Flex vertical gap={16} data-testid="import-report">
      <Row gutter={16}>
        <Col xs={12} md={6} data-testid="import-rows">
          <Statistic title={t("import.rows")} value={report.rows} />
        </Col>
        <Col xs={12} md={6} data-testid="import-created">
          <Statistic
            title={t(report.dry_run ? "import.willCreate" : "import.created")}
            value={report.created}
          />
        </Col>
        <Col xs={12} md={6} data-testid="import-updated">
          <Statistic
            title={t(report.dry_run ? "import.willUpdate" : "import.updated")}
            value={report.updated}
          />
        </Col>
        <Col xs={12} md={6} data-testid="import-unchanged">
          <Statistic title={t("import.unchanged")} value={report.unchanged} />
        </Col>
      </Row>
      {report.ignored_columns.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t("import.ignoredColumns", { columns: report.ignored_columns.join(", ") })}
        />
      )}
      {errorCount > 0 ? (
        <>
          <Alert
            type="error"
            showIcon
            title={t(report.errors_truncated ? "import.errors.truncated" : "import.errors", {
              count: errorCount,
            })}
          />
          <Table<ListedError>
            size="small"
            columns={columns}
            dataSource={report.errors.map((error, key) => ({ ...error, key }))}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            aria-label={t("import.errors.table")}
          />
        </>
      ) : (
        report.dry_run && <Alert type="success" showIcon title={t("import.valid")} />
      )}
    </Flex>
  );
}
