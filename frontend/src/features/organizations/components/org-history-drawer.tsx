import { EditOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Checkbox,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Table,
  Tag,
  Typography,
  type TableProps,
} from "antd";
import { FormError } from "@/components/ui/form-error";
import {
  useOrgHistory,
  useRecordOrgYear,
  type OrgYear,
} from "@/features/organizations/api/org-history";
import {
  useOrganizationsT,
  type OrganizationsTranslate,
} from "@/features/organizations/messages";
import { partyOrgRatings } from "@/lib/classification/labels";
import { formatDate, todayInVietnam } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import type { Organization } from "@/lib/org-tree";
import { errorMessage, useFormProblem } from "@/lib/problems";

/** The earliest year the server takes (the Party's founding). */
const firstYear = 1930;

const levelColors: Record<string, string> = {
  clean_strong: "green",
  good: "blue",
  completed: "gold",
  weak: "red",
};

function isPartyOrgRating(level: string): level is (typeof partyOrgRatings)[number] {
  return (partyOrgRatings as readonly string[]).includes(level);
}

function orgLevelText(ot: OrganizationsTranslate, level: string): string {
  return isPartyOrgRating(level) ? ot(`orgHistory.level.${level}`) : level;
}

type Values = { year: number; level?: string; exemplary: boolean; source: string };

type Props = {
  org: Organization;
  /** The organisation's committee or one above (the API decides: 403 otherwise). */
  canRecord: boolean;
  onClose: () => void;
};

/**
 * An organisation's results of the years before the system (W4/W5), entered from the archived
 * decisions: the list, oldest first, and a form that adds a year or replaces one.
 */
export function OrgHistoryDrawer({ org, canRecord, onClose }: Props) {
  const t = useT();
  const ot = useOrganizationsT();
  const { message } = App.useApp();
  const history = useOrgHistory(org.id);
  const record = useRecordOrgYear(org.id);
  const [form] = Form.useForm<Values>();
  const problem = useFormProblem(form);
  const level = Form.useWatch("level", form);
  // Past years only: this year's result comes from the system's own assessment.
  const lastYear = todayInVietnam().year() - 1;
  const initialValues: Values = { year: lastYear, level: undefined, exemplary: false, source: "" };

  const submit = ({ year, level, exemplary, source }: Values) => {
    problem.setMessage(null);
    record.mutate(
      {
        year,
        body: {
          level: level ?? "",
          exemplary: level === "clean_strong" && exemplary,
          source: source.trim(),
        },
      },
      {
        onSuccess: () => {
          void message.success(ot("orgHistory.saved", { year }));
          form.resetFields();
        },
        onError: problem.show,
      },
    );
  };

  const edit = (entry: OrgYear) => {
    problem.setMessage(null);
    form.setFieldsValue({
      year: entry.year,
      level: entry.level,
      exemplary: entry.exemplary,
      source: entry.source,
    });
  };

  const columns: TableProps<OrgYear>["columns"] = [
    { title: ot("orgHistory.year"), dataIndex: "year", key: "year" },
    {
      title: ot("orgHistory.level"),
      key: "level",
      render: (_, entry) => (
        <Flex gap={4} wrap>
          <Tag color={levelColors[entry.level]}>{orgLevelText(ot, entry.level)}</Tag>
          {entry.exemplary && <Tag color="magenta">{ot("orgHistory.exemplary")}</Tag>}
        </Flex>
      ),
    },
    { title: ot("orgHistory.source"), dataIndex: "source", key: "source" },
    { title: ot("orgHistory.recordedBy"), dataIndex: "recorded_by", key: "recorded_by" },
    {
      title: ot("orgHistory.recordedAt"),
      dataIndex: "recorded_at",
      key: "recorded_at",
      render: (value: string) => formatDate(value),
    },
    ...(canRecord
      ? [
          {
            key: "edit",
            render: (_: unknown, entry: OrgYear) => (
              <Button
                size="small"
                type="text"
                icon={<EditOutlined />}
                aria-label={`${t("common.edit")} ${entry.year}`}
                onClick={() => edit(entry)}
              />
            ),
          },
        ]
      : []),
  ];

  return (
    <Drawer
      open
      size={820}
      title={ot("orgHistory.title", { name: org.name })}
      onClose={onClose}
      destroyOnHidden
    >
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {ot("orgHistory.intro")}
        </Typography.Paragraph>
        {history.isError && (
          <Alert type="error" showIcon title={errorMessage(history.error, t)} />
        )}
        <Table<OrgYear>
          data-testid="org-history"
          rowKey="year"
          size="small"
          columns={columns}
          dataSource={history.data}
          loading={history.isFetching}
          pagination={false}
          locale={{ emptyText: ot("orgHistory.empty") }}
        />
        {canRecord && (
          <div data-testid="org-history-form">
            <Typography.Title level={5}>{ot("orgHistory.form")}</Typography.Title>
            <Typography.Paragraph type="secondary">
              {ot("orgHistory.form.hint")}
            </Typography.Paragraph>
            <FormError message={problem.message} />
            <Form<Values>
              form={form}
              name="org-history"
              layout="vertical"
              onFinish={submit}
              disabled={record.isPending}
              initialValues={initialValues}
              onValuesChange={(changed: Partial<Values>) => {
                // Exemplary goes with clean_strong only (O3): another level clears it.
                if (changed.level !== undefined && changed.level !== "clean_strong") {
                  form.setFieldValue("exemplary", false);
                }
              }}
            >
              <Flex gap={16} wrap>
                <Form.Item
                  name="year"
                  label={ot("orgHistory.year")}
                  rules={[{ required: true, message: t("validation.required") }]}
                >
                  <InputNumber<number>
                    min={firstYear}
                    max={lastYear}
                    precision={0}
                    style={{ width: 120 }}
                  />
                </Form.Item>
                <Form.Item
                  name="level"
                  label={ot("orgHistory.level")}
                  rules={[{ required: true, message: t("validation.required") }]}
                  style={{ minWidth: 240 }}
                >
                  <Select
                    options={partyOrgRatings.map((value) => ({
                      value,
                      label: orgLevelText(ot, value),
                    }))}
                  />
                </Form.Item>
              </Flex>
              <Form.Item
                name="exemplary"
                valuePropName="checked"
                extra={ot("orgHistory.exemplary.hint")}
              >
                <Checkbox disabled={level !== "clean_strong"}>
                  {ot("orgHistory.exemplary")}
                </Checkbox>
              </Form.Item>
              <Form.Item
                name="source"
                label={ot("orgHistory.source")}
                extra={ot("orgHistory.source.hint")}
                rules={[
                  { required: true, whitespace: true, message: t("validation.required") },
                  { max: 300, message: t("validation.max", { max: 300 }) },
                ]}
              >
                <Input />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={record.isPending}>
                {t("common.save")}
              </Button>
            </Form>
          </div>
        )}
      </Flex>
    </Drawer>
  );
}
