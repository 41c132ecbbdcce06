import {
  CheckOutlined,
  CloudUploadOutlined,
  DownloadOutlined,
  LeftOutlined,
  PrinterOutlined,
  RollbackOutlined,
} from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Descriptions,
  Flex,
  Space,
  Spin,
  Table,
  Tabs,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { ApiError } from "@/api/problem";
import {
  downloadArchive,
  downloadDocument,
  downloadLeadersDocument,
  dossierKindOf,
  printsAsPdf,
  useDossier,
  useSubmitDossier,
  type DossierDetail,
  type DossierKey,
  type DossierKind,
  type ManifestAttachment,
  type ManifestDocument,
  type MissingItem,
  type SubmissionRecord,
} from "@/features/dossiers/api/dossiers";
import { DecisionModal, type Decision } from "@/features/dossiers/components/decision-modal";
import { DossierTags } from "@/features/dossiers/components/dossier-tags";
import {
  dossiersPath,
  sizeText,
  submissionText,
} from "@/features/dossiers/components/labels";
import { useDossiersT, type DossiersMessageKey } from "@/features/dossiers/messages";
import {
  decidesFor,
  decidesLeadersFor,
  provinceOf,
  submitsFor,
} from "@/features/dossiers/permissions";
import { downloadAttachment } from "@/lib/attachments";
import type { Me } from "@/lib/auth/use-session";
import { formatDate, formatDateTime, formatDay } from "@/lib/format";
import { useLocale, useT } from "@/lib/i18n/use-t";
import { flattenTree, useOrgTree } from "@/lib/org-tree";
import { errorMessage } from "@/lib/problems";

const refusals = ["dossier_incomplete", "already_submitted", "no_cycle"];

/** The base has no review cycle that year (409): nothing to assemble, not a failure. */
function noCycle(error: unknown): boolean {
  return error instanceof ApiError && error.code === "no_cycle";
}

/** What the submission of each kind of dossier says: to the committee above, or to the province. */
const submitTexts = {
  base: {
    submit: "dossiers.submit",
    confirm: "dossiers.submit.confirm",
    confirmHint: "dossiers.submit.confirmHint",
  },
  leaders: {
    submit: "dossiers.leaders.submit",
    confirm: "dossiers.leaders.submit.confirm",
    confirmHint: "dossiers.leaders.submit.confirmHint",
  },
} satisfies Record<DossierKind, Record<string, DossiersMessageKey>>;

/**
 * One base's dossiers of a year, one tab each (`?kind=leaders` opens the second): the yearly one
 * to the committee above (district or city) and its leaders' one to the province (plan II.5).
 * Each shows its status, the documents a submission would hold now (each to download), what is
 * missing, the submissions so far; the base's committee submits it, the committee above (the
 * province's for the leaders') accepts or returns it. The API decides who may: its 403 is shown
 * as is.
 */
export function DossierPage({ me, org, year }: { me: Me; org: number; year: number }) {
  const dt = useDossiersT();
  const [params, setParams] = useSearchParams();
  const kind = dossierKindOf(params.get("kind"));
  const key = { org, year };
  const dossier = useDossier(key, kind);
  const tree = useOrgTree();
  const orgs = flattenTree(tree.data ?? []);
  const base = orgs.find((one) => one.id === org);
  // Back to the list of the district above when the user sees it, else to the base's own.
  const listOrg = orgs.some((one) => one.id === base?.parent_id) ? base?.parent_id : org;
  const decides = {
    base: decidesFor(me, org, base?.ancestor_ids),
    leaders: decidesLeadersFor(me, provinceOf(base?.ancestor_ids, orgs)),
  };
  const choose = (next: string) =>
    setParams(next === "leaders" ? { kind: "leaders" } : {}, { replace: true });
  const tab = (one: DossierKind) => ({ key: one, label: dt(`dossiers.tab.${one}`) });

  return (
    <Flex vertical gap={16}>
      <Link to={dossiersPath(listOrg ?? org, year, kind)}>
        <LeftOutlined /> {dt("dossiers.back")}
      </Link>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {dossier.data
          ? dt("dossiers.detail.title", { year, name: dossier.data.name })
          : dt("dossiers.title")}
      </Typography.Title>
      <Tabs
        activeKey={kind}
        onChange={choose}
        items={[tab("base"), tab("leaders")]}
      />
      {/* Only the open tab's dossier is fetched and shown. */}
      <DossierOfKind
        key={kind}
        me={me}
        dossierKey={key}
        kind={kind}
        decides={decides[kind]}
      />
    </Flex>
  );
}

function DossierOfKind({
  me,
  dossierKey,
  kind,
  decides,
}: {
  me: Me;
  dossierKey: DossierKey;
  kind: DossierKind;
  decides: boolean;
}) {
  const t = useT();
  const dossier = useDossier(dossierKey, kind);
  if (dossier.isPending) return <Spin />;
  if (dossier.isError) {
    return (
      <Alert
        type={noCycle(dossier.error) ? "info" : "error"}
        showIcon
        title={errorMessage(dossier.error, t)}
      />
    );
  }
  return (
    <Dossier
      me={me}
      dossierKey={dossierKey}
      kind={kind}
      dossier={dossier.data}
      decides={decides}
    />
  );
}

function Dossier({
  me,
  dossierKey,
  kind,
  dossier,
  decides,
}: {
  me: Me;
  dossierKey: DossierKey;
  kind: DossierKind;
  dossier: DossierDetail;
  /** Whether the user sits on the committee that decides on this dossier. */
  decides: boolean;
}) {
  const dt = useDossiersT();
  const [refusal, setRefusal] = useState<unknown>(null);
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const submittable =
    (dossier.status === "not_submitted" || dossier.status === "returned") &&
    submitsFor(me, dossier.organization_id);
  const decidable = dossier.status === "submitted" && decides;
  const latest = dossier.latest;

  return (
    <Flex vertical gap={16}>
      {kind === "leaders" && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {dt("dossiers.leaders.intro")}
        </Typography.Paragraph>
      )}
      <Descriptions size="small" column={1} bordered style={{ maxWidth: 760 }}>
        <Descriptions.Item label={dt("dossiers.status")}>
          <span data-testid="dossier-status">
            <DossierTags dossier={dossier} />
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={dt("dossiers.deadline")}>
          {formatDay(dossier.deadline)}
        </Descriptions.Item>
        {latest && (
          <Descriptions.Item label={dt("dossiers.latest")}>
            {dt("dossiers.latest.text", {
              number: latest.number,
              at: formatDateTime(latest.submitted_at),
              by: latest.submitted_by,
            })}
          </Descriptions.Item>
        )}
        {latest?.decision_comment && (
          <Descriptions.Item label={dt("dossiers.comment")}>
            {latest.decision_comment}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Flex gap={8} wrap>
        <ArchiveButton dossierKey={dossierKey} kind={kind} />
        {submittable && (
          <SubmitButton
            dossierKey={dossierKey}
            kind={kind}
            name={dossier.name}
            onRefused={setRefusal}
          />
        )}
        {decidable && (
          <>
            <Button type="primary" icon={<CheckOutlined />} onClick={() => setDeciding("accept")}>
              {dt("dossiers.accept")}
            </Button>
            <Button danger icon={<RollbackOutlined />} onClick={() => setDeciding("return")}>
              {dt("dossiers.return")}
            </Button>
          </>
        )}
      </Flex>
      {refusal !== null && <Refusal error={refusal} onClose={() => setRefusal(null)} />}
      <Typography.Title level={4} style={{ margin: 0 }}>
        {dt("dossiers.missing")}
      </Typography.Title>
      <MissingItems items={dossier.preview.missing} />
      <Typography.Title level={4} style={{ margin: 0 }}>
        {dt("dossiers.documents")}
      </Typography.Title>
      <Documents dossierKey={dossierKey} kind={kind} documents={dossier.preview.documents} />
      {/* The leaders' dossier holds PDFs built from the records, no scans. */}
      {kind === "base" && (
        <>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {dt("dossiers.scans")}
          </Typography.Title>
          <Scans scans={dossier.preview.attachments ?? []} />
        </>
      )}
      <Typography.Title level={4} style={{ margin: 0 }}>
        {dt("dossiers.submissions")}
      </Typography.Title>
      <Submissions submissions={dossier.submissions} />
      {deciding && (
        <DecisionModal
          key={deciding}
          dossierKey={dossierKey}
          kind={kind}
          name={dossier.name}
          decision={deciding}
          onClose={() => setDeciding(null)}
        />
      )}
    </Flex>
  );
}

/** The ZIP: the archive submitted last, or a draft assembled now (then said so). */
function ArchiveButton({ dossierKey, kind }: { dossierKey: DossierKey; kind: DossierKind }) {
  const t = useT();
  const dt = useDossiersT();
  const { message } = App.useApp();
  const [loading, setLoading] = useState(false);
  const download = () => {
    setLoading(true);
    downloadArchive(dossierKey, kind)
      .then(({ draft }) => void (draft && message.info(dt("dossiers.downloaded.draft"))))
      .catch((error: unknown) => void message.error(errorMessage(error, t)))
      .finally(() => setLoading(false));
  };
  return (
    <Button icon={<DownloadOutlined />} loading={loading} onClick={download}>
      {dt("dossiers.download")}
    </Button>
  );
}

/** Submits after a confirmation; a refusal (409 with what blocks, 403) is shown by `onRefused`. */
function SubmitButton({
  dossierKey,
  kind,
  name,
  onRefused,
}: {
  dossierKey: DossierKey;
  kind: DossierKind;
  name: string;
  onRefused: (error: unknown) => void;
}) {
  const dt = useDossiersT();
  const { message, modal } = App.useApp();
  const submit = useSubmitDossier(kind);
  const texts = submitTexts[kind];
  const confirm = () => {
    onRefused(null);
    void modal.confirm({
      title: dt(texts.confirm, { year: dossierKey.year, name }),
      content: dt(texts.confirmHint),
      okText: dt(texts.submit),
      cancelText: dt("dossiers.submit.cancel"),
      onOk: () =>
        submit
          .mutateAsync(dossierKey)
          .then((status) => {
            const number = status.latest?.number ?? 1;
            void message.success(
              dt(status.late ? "dossiers.submitted.late" : "dossiers.submitted", { number }),
            );
          })
          // The dialog closes; the page says why the dossier was not submitted.
          .catch(onRefused),
    });
  };
  return (
    <Button
      type="primary"
      icon={<CloudUploadOutlined />}
      loading={submit.isPending}
      onClick={confirm}
    >
      {dt(texts.submit)}
    </Button>
  );
}

function Refusal({ error, onClose }: { error: unknown; onClose: () => void }) {
  const t = useT();
  const dt = useDossiersT();
  const code = error instanceof ApiError ? error.code : undefined;
  const title =
    code !== undefined && refusals.includes(code)
      ? dt(`dossiers.refused.${code}` as DossiersMessageKey)
      : dt("dossiers.refused");
  return (
    <Alert
      data-testid="submit-refused"
      role="alert"
      type="error"
      showIcon
      closable={{ onClose }}
      title={title}
      description={errorMessage(error, t)}
    />
  );
}

/** What is missing: blocking items stop a submission (errors), the others are warnings. */
function MissingItems({ items }: { items: MissingItem[] }) {
  const dt = useDossiersT();
  if (items.length === 0) {
    return <Alert type="success" showIcon title={dt("dossiers.missing.none")} />;
  }
  const ordered = [
    ...items.filter((item) => item.blocking),
    ...items.filter((item) => !item.blocking),
  ];
  return (
    <Flex vertical gap={8} data-testid="dossier-missing">
      {ordered.map((item, at) => (
        <Alert
          key={at}
          type={item.blocking ? "error" : "warning"}
          showIcon
          title={`${item.rule}: ${item.reason}`}
          description={item.document}
          action={
            item.blocking ? <Tag color="red">{dt("dossiers.missing.blocking")}</Tag> : undefined
          }
        />
      ))}
    </Flex>
  );
}

/**
 * The documents, each to download and, when the server prints it, as PDF; the leaders' dossier
 * holds only PDFs, each to open and print.
 */
function Documents({
  dossierKey,
  kind,
  documents,
}: {
  dossierKey: DossierKey;
  kind: DossierKind;
  documents: ManifestDocument[];
}) {
  const t = useT();
  const dt = useDossiersT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [loading, setLoading] = useState<string | null>(null);
  // The document being fetched: its name, with ".pdf" after it when printed.
  const download = (name: string, format?: "pdf") => {
    setLoading(format === undefined ? name : `${name}.pdf`);
    (kind === "leaders"
      ? downloadLeadersDocument(dossierKey, name)
      : downloadDocument(dossierKey, name, format)
    )
      .catch((error: unknown) => void message.error(errorMessage(error, t)))
      .finally(() => setLoading(null));
  };
  return (
    <Table<ManifestDocument>
      data-testid="dossier-documents"
      size="small"
      pagination={false}
      rowKey="name"
      dataSource={documents}
      locale={{ emptyText: dt("dossiers.documents.empty") }}
      columns={[
        {
          title: dt("dossiers.document.title"),
          key: "title",
          render: (_, row) => (
            <>
              {row.title}
              <br />
              <Typography.Text type="secondary">{row.name}</Typography.Text>
            </>
          ),
        },
        { title: dt("dossiers.document.rule"), dataIndex: "rule" },
        {
          title: dt("dossiers.document.size"),
          key: "size",
          align: "right",
          render: (_, row) => sizeText(row.size, locale),
        },
        {
          title: "",
          key: "download",
          render: (_, row) => (
            <Space size={4} wrap>
              {kind === "base" && (
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  loading={loading === row.name}
                  aria-label={dt("dossiers.document.downloadOne", { title: row.title })}
                  onClick={() => download(row.name)}
                >
                  {dt("dossiers.document.download")}
                </Button>
              )}
              {(kind === "leaders" || printsAsPdf(row.name)) && (
                <Button
                  size="small"
                  icon={<PrinterOutlined />}
                  loading={loading === `${row.name}.pdf`}
                  aria-label={dt("dossiers.document.pdfOne", { title: row.title })}
                  onClick={() => download(row.name, "pdf")}
                >
                  {dt("dossiers.document.pdf")}
                </Button>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}

/** The scans of signed originals (the signed tally minutes…) the dossier carries. */
function Scans({ scans }: { scans: ManifestAttachment[] }) {
  const t = useT();
  const dt = useDossiersT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [loading, setLoading] = useState<number | null>(null);
  const download = (scan: ManifestAttachment) => {
    setLoading(scan.id);
    downloadAttachment(scan.id, scan.file_name)
      .catch((error: unknown) => void message.error(errorMessage(error, t)))
      .finally(() => setLoading(null));
  };
  return (
    <Table<ManifestAttachment>
      data-testid="dossier-scans"
      size="small"
      pagination={false}
      rowKey="id"
      dataSource={scans}
      locale={{ emptyText: dt("dossiers.scans.empty") }}
      columns={[
        {
          title: dt("dossiers.scan.title"),
          key: "title",
          render: (_, row) => (
            <>
              {row.title}
              <br />
              <Typography.Text type="secondary">{row.file_name}</Typography.Text>
            </>
          ),
        },
        {
          title: dt("dossiers.document.size"),
          key: "size",
          align: "right",
          render: (_, row) => sizeText(row.size, locale),
        },
        { title: dt("dossiers.scan.uploadedBy"), dataIndex: "uploaded_by" },
        {
          title: dt("dossiers.scan.uploadedAt"),
          key: "uploaded_at",
          render: (_, row) => formatDate(row.uploaded_at),
        },
        {
          title: "",
          key: "download",
          render: (_, row) => (
            <Button
              size="small"
              icon={<DownloadOutlined />}
              loading={loading === row.id}
              aria-label={dt("dossiers.scan.downloadOne", { title: row.title })}
              onClick={() => download(row)}
            >
              {dt("dossiers.document.download")}
            </Button>
          ),
        },
      ]}
    />
  );
}

function Submissions({ submissions }: { submissions: SubmissionRecord[] }) {
  const dt = useDossiersT();
  const colors: Record<string, string> = {
    submitted: "blue",
    returned: "orange",
    accepted: "green",
  };
  return (
    <Table<SubmissionRecord>
      data-testid="dossier-submissions"
      size="small"
      pagination={false}
      rowKey="number"
      dataSource={submissions}
      locale={{ emptyText: dt("dossiers.submissions.empty") }}
      columns={[
        { title: dt("dossiers.number"), dataIndex: "number", align: "right" },
        { title: dt("dossiers.submittedBy"), dataIndex: "submitted_by" },
        {
          title: dt("dossiers.submittedAt"),
          key: "submitted_at",
          render: (_, row) => (
            <>
              {formatDateTime(row.submitted_at)}{" "}
              {row.late && <Tag color="red">{dt("dossiers.late")}</Tag>}
            </>
          ),
        },
        {
          title: dt("dossiers.decision"),
          key: "status",
          render: (_, row) => (
            <Tag color={colors[row.status] ?? "default"}>{submissionText(dt, row.status)}</Tag>
          ),
        },
        {
          title: dt("dossiers.decidedBy"),
          key: "decided_by",
          render: (_, row) => row.decided_by ?? "",
        },
        {
          title: dt("dossiers.decidedAt"),
          key: "decided_at",
          render: (_, row) => (row.decided_at ? formatDateTime(row.decided_at) : ""),
        },
        {
          title: dt("dossiers.comment"),
          key: "comment",
          render: (_, row) => row.decision_comment ?? "",
        },
      ]}
    />
  );
}
