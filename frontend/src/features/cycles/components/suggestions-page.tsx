import { PlusOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Spin,
  Table,
  Tag,
  Typography,
} from "antd";
import type dayjs from "dayjs";
import { useState } from "react";
import { OrgTreeSelect } from "@/components/org-tree-select";
import { FormError } from "@/components/ui/form-error";
import { TruncatedAlert } from "@/components/ui/truncated-alert";
import { useCycleChoices, type Cycle } from "@/features/cycles/api/cycles";
import {
  useIssueSuggestion,
  useSuggestions,
  type Suggestion,
} from "@/features/cycles/api/suggestions";
import { stageText } from "@/features/cycles/components/labels";
import { MemberPicker } from "@/features/cycles/components/member-picker";
import { SuggestionAnswerModal } from "@/features/cycles/components/suggestion-answer-modal";
import {
  SuggestionAnswer,
  SuggestionStatus,
} from "@/features/cycles/components/suggestion-parts";
import { handlesReviews } from "@/lib/auth/permissions";
import type { Me } from "@/lib/auth/use-session";
import { formatDay, toApiDay } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import type { Organization } from "@/lib/org-tree";
import { PAGE_SIZE_OPTIONS, TABLE_PER_PAGE } from "@/lib/paging";
import { errorMessage, useFormProblem } from "@/lib/problems";

/** Review suggestions (P3) of a cycle the user picks: issue them and follow the answers. */
export function SuggestionsPage({ me }: { me: Me }) {
  const t = useT();
  const cycles = useCycleChoices();
  const [picked, setPicked] = useState<number | null>(null);

  if (cycles.isPending) return <Spin />;
  if (cycles.isError) return <Alert type="error" showIcon title={errorMessage(cycles.error, t)} />;
  if (cycles.data.items.length === 0) return <Empty description={t("review.noCycle")} />;

  const sorted = [...cycles.data.items].sort((a, b) => b.year - a.year || b.id - a.id);
  const cycle = sorted.find((c) => c.id === picked) ?? sorted[0];
  return (
    <Flex vertical gap={16}>
      <Select
        aria-label={t("suggestions.cycle")}
        style={{ maxWidth: 480 }}
        value={cycle.id}
        onChange={setPicked}
        options={sorted.map((c) => ({
          value: c.id,
          label: `${c.year} — ${c.organization_name} (${stageText(t, c.stage)})`,
        }))}
      />
      <TruncatedAlert pages={[cycles.data]} />
      <CycleSuggestions key={cycle.id} me={me} cycle={cycle} />
    </Flex>
  );
}

function CycleSuggestions({ me, cycle }: { me: Me; cycle: Cycle }) {
  const t = useT();
  const { message } = App.useApp();
  const [paging, setPaging] = useState({ page: 1, per_page: TABLE_PER_PAGE });
  const suggestions = useSuggestions(cycle.id, paging);
  const [issuing, setIssuing] = useState(false);
  const [answering, setAnswering] = useState<Suggestion | null>(null);
  // A collective answers through its own committee (the API refuses anyone else).
  const answersCollectives = handlesReviews(me);

  return (
    <Flex vertical gap={16}>
      <div>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          disabled={cycle.stage === "closed"}
          onClick={() => setIssuing(true)}
        >
          {t("suggestions.issue")}
        </Button>
      </div>
      {suggestions.isError && (
        <Alert type="error" showIcon title={errorMessage(suggestions.error, t)} />
      )}
      <Table<Suggestion>
        data-testid="suggestions-table"
        rowKey="id"
        size="small"
        loading={suggestions.isFetching}
        dataSource={suggestions.data?.items}
        pagination={{
          current: paging.page,
          pageSize: paging.per_page,
          total: suggestions.data?.total ?? 0,
          // A short list (the usual case) shows no pager at all.
          hideOnSinglePage: true,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZE_OPTIONS,
          showTotal: (total) => t("common.total", { total }),
          onChange: (page, per_page) => setPaging({ page, per_page }),
        }}
        locale={{ emptyText: t("suggestions.empty") }}
        columns={[
          {
            title: t("suggestions.subject"),
            key: "subject",
            render: (_, suggestion) => (
              <Flex vertical gap={4} align="start">
                {suggestion.subject_name}
                <Tag>
                  {suggestion.member_id === null || suggestion.member_id === undefined
                    ? t("suggestions.subject.collective")
                    : t("suggestions.subject.member")}
                </Tag>
              </Flex>
            ),
          },
          {
            title: t("suggestions.content"),
            key: "content",
            render: (_, suggestion) => (
              <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>
                {suggestion.content}
              </Typography.Paragraph>
            ),
          },
          { title: t("suggestions.issuedBy"), dataIndex: "issued_by" },
          {
            title: t("suggestions.dueOn"),
            key: "due",
            render: (_, suggestion) => formatDay(suggestion.due_on),
          },
          {
            title: t("suggestions.status"),
            key: "status",
            render: (_, suggestion) => <SuggestionStatus suggestion={suggestion} />,
          },
          {
            title: t("suggestions.explanation"),
            key: "explanation",
            render: (_, suggestion) =>
              suggestion.explanation ? (
                <SuggestionAnswer suggestion={suggestion} />
              ) : (
                answersCollectives &&
                suggestion.member_id == null && (
                  <Button size="small" onClick={() => setAnswering(suggestion)}>
                    {t("suggestions.answer")}
                  </Button>
                )
              ),
          },
        ]}
      />
      {issuing && <IssueModal cycle={cycle} onClose={() => setIssuing(false)} />}
      {answering && (
        <SuggestionAnswerModal
          suggestion={answering}
          onClose={() => setAnswering(null)}
          onAnswered={() => {
            void message.success(t("suggestions.answered"));
            setAnswering(null);
          }}
        />
      )}
    </Flex>
  );
}

type Subject = "member" | "collective";
type Values = {
  subject: Subject;
  member_id?: number;
  organization_id?: number | null;
  content: string;
  due_on: dayjs.Dayjs;
};

function IssueModal({ cycle, onClose }: { cycle: Cycle; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const subject = Form.useWatch("subject", form) ?? "member";
  const issue = useIssueSuggestion(cycle.id);
  const problem = useFormProblem(form);
  // A collective inside the cycle's organisation (or the organisation itself).
  const inCycle = (org: Organization) =>
    org.id === cycle.organization_id || org.ancestor_ids.includes(cycle.organization_id);

  const submit = (values: Values) => {
    problem.setMessage(null);
    issue.mutate(
      {
        member_id: values.subject === "member" ? values.member_id : null,
        organization_id: values.subject === "collective" ? values.organization_id : null,
        content: values.content.trim(),
        due_on: toApiDay(values.due_on),
      },
      {
        onSuccess: () => {
          void message.success(t("suggestions.issued"));
          onClose();
        },
        onError: problem.show,
      },
    );
  };

  return (
    <Modal
      open
      title={t("suggestions.issue")}
      okText={t("suggestions.issue")}
      cancelText={t("common.cancel")}
      confirmLoading={issue.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <FormError message={problem.message} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={issue.isPending}
        initialValues={{ subject: "member" }}
      >
        <Form.Item name="subject" label={t("suggestions.subject")}>
          <Radio.Group
            options={[
              { value: "member", label: t("suggestions.subject.member") },
              { value: "collective", label: t("suggestions.subject.collective") },
            ]}
          />
        </Form.Item>
        {subject === "member" ? (
          <Form.Item
            name="member_id"
            label={t("suggestions.member")}
            rules={[{ required: true, message: t("validation.required") }]}
          >
            <MemberPicker organizationId={cycle.organization_id} />
          </Form.Item>
        ) : (
          <Form.Item
            name="organization_id"
            label={t("suggestions.organization")}
            rules={[{ required: true, message: t("validation.required") }]}
          >
            <OrgTreeSelect aria-label={t("suggestions.organization")} selectable={inCycle} />
          </Form.Item>
        )}
        <Form.Item
          name="content"
          label={t("suggestions.content")}
          rules={[
            { required: true, whitespace: true, message: t("validation.required") },
            { min: 5, message: t("validation.min", { min: 5 }) },
            { max: 5000, message: t("validation.max", { max: 5000 }) },
          ]}
        >
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.Item
          name="due_on"
          label={t("suggestions.dueOn")}
          rules={[{ required: true, message: t("validation.required") }]}
        >
          <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
