import {
  Alert,
  Col,
  DatePicker,
  Form,
  Row,
  Select,
  Table,
  Typography,
  type TableProps,
} from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useAudit, type AuditEntry, type AuditQuery } from "@/features/audit/api/get-audit";
import { displayZone, formatDateTime } from "@/lib/format";
import { messages, type MessageKey } from "@/lib/i18n/messages";
import { useT, type Translate } from "@/lib/i18n/use-t";
import { errorMessage } from "@/lib/problems";

// The actions and entity types the API records (AuditEntry.action, .entity_type) are those the
// catalogue names under `audit.action.…` and `audit.entity.…`.
type Catalogued = "audit.action." | "audit.entity.";

function codes(prefix: Catalogued): string[] {
  return Object.keys(messages.vi)
    .filter((key) => key.startsWith(prefix))
    .map((key) => key.slice(prefix.length));
}

const actions = codes("audit.action.");
const entityTypes = codes("audit.entity.");

// Something the API records after this build was made shows under its identifier.
function named(t: Translate, prefix: Catalogued, code: string): string {
  const key = `${prefix}${code}`;
  return key in messages.vi ? t(key as MessageKey) : code;
}

const actionText = (t: Translate, action: string) => named(t, "audit.action.", action);
const entityText = (t: Translate, entityType: string) => named(t, "audit.entity.", entityType);

/** The options of a filter, in the alphabetical order of their names. */
function options(codes: string[], text: (code: string) => string) {
  return codes
    .map((value) => ({ value, label: text(value) }))
    .sort((a, b) => a.label.localeCompare(b.label, "vi"));
}

type Filters = { action?: string; entity_type?: string; range?: [Dayjs, Dayjs] | null };

const perPageDefault = 50;

function Json({ value }: { value: unknown }) {
  return (
    <pre style={{ margin: 0, whiteSpace: "pre-wrap", wordBreak: "break-word", fontSize: 12 }}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

/** The audit log, newest first: filtered, paged, each entry's before and after side by side. */
export function AuditPage() {
  const t = useT();
  const [query, setQuery] = useState<AuditQuery>({ page: 1, per_page: perPageDefault });
  const audit = useAudit(query);

  const applyFilters = (_: unknown, { action, entity_type, range }: Filters) =>
    setQuery((current) => ({
      page: 1,
      per_page: current.per_page,
      action,
      entity_type,
      // The picked times are Vietnamese ones; the API takes instants, `to` excluded.
      from: range ? range[0].tz(displayZone, true).startOf("minute").toISOString() : undefined,
      to: range
        ? range[1].tz(displayZone, true).startOf("minute").add(1, "minute").toISOString()
        : undefined,
    }));

  const columns: TableProps<AuditEntry>["columns"] = [
    {
      title: t("audit.time"),
      dataIndex: "occurred_at",
      key: "occurred_at",
      render: (value: string) => formatDateTime(value),
    },
    { title: t("audit.actor"), dataIndex: "actor", key: "actor" },
    {
      title: t("audit.action"),
      dataIndex: "action",
      key: "action",
      render: (value: string) => actionText(t, value),
    },
    {
      title: t("audit.entity"),
      dataIndex: "entity_type",
      key: "entity_type",
      render: (value: string) => entityText(t, value),
    },
    { title: t("audit.entityId"), dataIndex: "entity_id", key: "entity_id" },
    { title: t("audit.clientAddr"), dataIndex: "client_addr", key: "client_addr" },
    {
      title: t("audit.requestId"),
      dataIndex: "request_id",
      key: "request_id",
      render: (value: string | null) =>
        value && <Typography.Text code copyable>{value}</Typography.Text>,
    },
  ];

  return (
    <>
      <Form<Filters>
        layout="inline"
        onValuesChange={applyFilters}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item name="action" label={t("audit.action")}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            style={{ width: 220 }}
            placeholder={t("audit.all")}
            options={options(actions, (action) => actionText(t, action))}
          />
        </Form.Item>
        <Form.Item name="entity_type" label={t("audit.entity")}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            style={{ width: 220 }}
            placeholder={t("audit.all")}
            options={options(entityTypes, (entityType) => entityText(t, entityType))}
          />
        </Form.Item>
        <Form.Item name="range" label={t("audit.range")}>
          <DatePicker.RangePicker showTime={{ format: "HH:mm" }} format="DD/MM/YYYY HH:mm" />
        </Form.Item>
      </Form>
      {audit.isError && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(audit.error, t)}
          style={{ marginBottom: 16 }}
        />
      )}
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={audit.data?.items}
        loading={audit.isFetching}
        scroll={{ x: true }}
        expandable={{
          rowExpandable: (entry) => entry.before != null || entry.after != null,
          expandedRowRender: (entry) => (
            <Row gutter={16}>
              <Col span={12}>
                <Typography.Text strong>{t("audit.before")}</Typography.Text>
                <Json value={entry.before ?? null} />
              </Col>
              <Col span={12}>
                <Typography.Text strong>{t("audit.after")}</Typography.Text>
                <Json value={entry.after ?? null} />
              </Col>
            </Row>
          ),
        }}
        pagination={{
          current: query.page,
          pageSize: query.per_page,
          total: audit.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (total) => t("common.total", { total }),
          onChange: (page, per_page) => setQuery((current) => ({ ...current, page, per_page })),
        }}
      />
    </>
  );
}
