import { DownloadOutlined, SaveOutlined, SendOutlined } from "@ant-design/icons";
import { Alert, App, Button, Empty, Flex, Form, Input, Select, Space, Spin, Tag } from "antd";
import { useState, type ReactNode } from "react";
import { ApiError } from "@/api/problem";
import { FormError } from "@/components/ui/form-error";
import { TruncatedAlert } from "@/components/ui/truncated-alert";
import { useCycleChoices, type Cycle } from "@/features/cycles/api/cycles";
import {
  downloadSelfReview,
  useOwnMemberId,
  useSaveSelfReview,
  useSelfReview,
  useSubmitSelfReview,
  type SelfReview,
  type SelfReviewContent,
} from "@/features/cycles/api/self-reviews";
import {
  reviewStatusColor,
  reviewStatusText,
  stageText,
} from "@/features/cycles/components/labels";
import { MySuggestions } from "@/features/cycles/components/my-suggestions";
import { sections, selfLevels } from "@/features/cycles/components/sections";
import type { Me } from "@/lib/auth/use-session";
import { useCyclesT } from "@/features/cycles/messages";
import { formatDay } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage, useFormProblem } from "@/lib/problems";

type Props = {
  me: Me;
  /** The way to the member's points form in a points cycle (given by the app), else nothing. */
  pointsLink?: (cycle: Cycle, memberId: number) => ReactNode;
};

/** A member's own self-review in a cycle they pick (the latest by default). */
export function MyReviewPage({ me, pointsLink }: Props) {
  const t = useT();
  const own = useOwnMemberId(me.member_id);
  const memberId = me.member_id ?? own.data;
  const cycles = useCycleChoices();
  const [picked, setPicked] = useState<number | null>(null);

  if (own.isError) return <Alert type="error" showIcon title={errorMessage(own.error, t)} />;
  if (memberId === undefined || cycles.isPending) return <Spin />;
  if (cycles.isError) return <Alert type="error" showIcon title={errorMessage(cycles.error, t)} />;
  if (memberId === null) return <Alert type="info" showIcon title={t("review.noMember")} />;
  if (cycles.data.items.length === 0) return <Empty description={t("review.noCycle")} />;

  const sorted = [...cycles.data.items].sort((a, b) => b.year - a.year || b.id - a.id);
  const cycleId = picked ?? sorted[0].id;
  const current = sorted.find((cycle) => cycle.id === cycleId) ?? sorted[0];
  return (
    <Flex vertical gap={16}>
      <Select
        aria-label={t("review.cycle")}
        style={{ maxWidth: 480 }}
        value={cycleId}
        onChange={setPicked}
        options={sorted.map((cycle) => ({
          value: cycle.id,
          label: `${cycle.year} — ${cycle.organization_name} (${stageText(t, cycle.stage)})`,
        }))}
      />
      <TruncatedAlert pages={[cycles.data]} />
      {pointsLink?.(current, memberId)}
      <MySuggestions key={`suggestions-${cycleId}`} cycleId={cycleId} memberId={memberId} />
      <SelfReviewEditor key={cycleId} cycleId={cycleId} memberId={memberId} />
    </Flex>
  );
}

function SelfReviewEditor({ cycleId, memberId }: { cycleId: number; memberId: number }) {
  const t = useT();
  const key = { cycleId, memberId };
  const review = useSelfReview(key);
  if (review.isPending) return <Spin />;
  if (review.isError) return <Alert type="error" showIcon title={errorMessage(review.error, t)} />;
  return (
    <SelfReviewForm
      review={review.data.review}
      etag={review.data.etag}
      cycleId={cycleId}
      memberId={memberId}
    />
  );
}

/** `etag`: the tag of `review` as read (updated when it is read again), named by a save. */
type FormProps = { review: SelfReview; etag: string; cycleId: number; memberId: number };

function SelfReviewForm({ review, etag, cycleId, memberId }: FormProps) {
  const t = useT();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<SelfReviewContent>();
  const save = useSaveSelfReview({ cycleId, memberId });
  const submit = useSubmitSelfReview({ cycleId, memberId });
  const problem = useFormProblem(form);
  const [downloading, setDownloading] = useState(false);
  // Somebody else saved since this form was opened: the next save replaces that version.
  const [stale, setStale] = useState(false);
  const locked = review.status === "submitted" || review.status === "accepted";
  const busy = save.isPending || submit.isPending;
  const ct = useCyclesT();

  const content = (): SelfReviewContent => {
    const values = form.getFieldsValue();
    return {
      ...Object.fromEntries(sections.map((section) => [section, values[section] ?? ""])),
      self_assessed_level: values.self_assessed_level ?? null,
    };
  };
  const failed = (error: unknown) => {
    if (error instanceof ApiError && error.status === 412) {
      setStale(true);
      return;
    }
    problem.show(error);
  };
  const clearErrors = () => {
    setStale(false);
    problem.setMessage(null);
    form.setFields(
      [...sections, "self_assessed_level" as const].map((name) => ({ name, errors: [] })),
    );
  };
  const onSave = () => {
    clearErrors();
    save.mutate(
      { content: content(), etag },
      { onSuccess: () => void message.success(t("review.saved")), onError: failed },
    );
  };
  // Once submitted it is locked until the branch committee returns it: ask first.
  const onSubmit = () => {
    modal.confirm({
      title: ct("review.submit.confirm.title"),
      content: ct("review.submit.confirm.content"),
      okText: ct("review.submit.confirm.ok"),
      cancelText: t("common.cancel"),
      onOk: () => {
        clearErrors();
        submit.mutate(
          { content: content(), etag },
          { onSuccess: () => void message.success(t("review.submitted")), onError: failed },
        );
      },
    });
  };
  const onDownload = (format: "docx" | "pdf") => {
    setDownloading(true);
    downloadSelfReview({ cycleId, memberId }, format)
      .catch((error: unknown) => void message.error(errorMessage(error, t)))
      .finally(() => setDownloading(false));
  };

  return (
    <Flex vertical gap={16}>
      <Space wrap>
        <Tag data-testid="review-status" color={reviewStatusColor(review.status)}>
          {reviewStatusText(t, review.status)}
        </Tag>
        {review.version > 0 && (
          <>
            <Button
              icon={<DownloadOutlined />}
              loading={downloading}
              onClick={() => onDownload("docx")}
            >
              {t("review.download")}
            </Button>
            <Button
              icon={<DownloadOutlined />}
              loading={downloading}
              onClick={() => onDownload("pdf")}
            >
              {t("review.downloadPdf")}
            </Button>
          </>
        )}
      </Space>
      {review.status === "returned" && review.return_comment && (
        <Alert
          type="warning"
          showIcon
          title={t("review.returnedTitle")}
          description={review.return_comment}
        />
      )}
      {locked && <Alert type="info" showIcon title={t("review.locked")} />}
      {stale && (
        <Alert
          type="warning"
          showIcon
          data-testid="review-stale"
          title={t("review.stale.title")}
          description={t("review.stale.description", { version: review.version })}
        />
      )}
      {review.prior_shortcomings && (
        <Alert
          type="info"
          showIcon
          data-testid="prior-shortcomings"
          title={ct("priorShortcomings.alert", {
            year: review.prior_shortcomings.year,
            date: formatDay(review.prior_shortcomings.remedy_by),
            shortcomings: review.prior_shortcomings.shortcomings,
          })}
        />
      )}
      <FormError message={problem.message} />
      <Form<SelfReviewContent>
        form={form}
        layout="vertical"
        disabled={locked || busy}
        initialValues={review.content}
      >
        {sections.map((section) => (
          <Form.Item key={section} name={section} label={t(`review.section.${section}`)}>
            <Input.TextArea autoSize={{ minRows: 3 }} />
          </Form.Item>
        ))}
        <Form.Item name="self_assessed_level" label={t("review.level")}>
          <Select
            allowClear
            style={{ maxWidth: 360 }}
            options={selfLevels.map((level) => ({ value: level, label: t(`level.${level}`) }))}
          />
        </Form.Item>
      </Form>
      {!locked && (
        <Space wrap>
          <Button icon={<SaveOutlined />} loading={save.isPending} disabled={busy} onClick={onSave}>
            {t("review.saveDraft")}
          </Button>
          <Button
            type="primary"
            icon={<SendOutlined />}
            loading={submit.isPending}
            disabled={busy}
            onClick={onSubmit}
          >
            {t("review.submit")}
          </Button>
        </Space>
      )}
    </Flex>
  );
}
