import {
  Alert,
  Button,
  Col,
  DatePicker,
  Divider,
  Drawer,
  Flex,
  Form,
  Input,
  Row,
  Select,
  Spin,
  Switch,
  type FormRule,
} from "antd";
import { useCallback, useMemo, useState } from "react";
import { ApiError } from "@/api/problem";
import { OrgTreeSelect } from "@/components/org-tree-select";
import { FormError } from "@/components/ui/form-error";
import { useCreateMember } from "@/features/members/api/create-member";
import { useMember, type VersionedMember } from "@/features/members/api/get-member";
import type { Member } from "@/features/members/api/get-members";
import { useUpdateMember } from "@/features/members/api/update-member";
import { StaleRecordAlert } from "@/features/members/components/stale-record-alert";
import { dateFormat, isFuture } from "@/features/members/utils/dates";
import {
  createBody,
  formValuesOf,
  newMemberValues,
  updateBody,
  type MemberFormValues,
} from "@/features/members/utils/form-values";
import { canEditMembersIn } from "@/lib/auth/permissions";
import type { Me } from "@/lib/auth/use-session";
import {
  genderText,
  leadershipLevelText,
  leftReasonText,
  memberCategoryText,
  memberStatusText,
} from "@/lib/domain/labels";
import {
  genders,
  leadershipLevels,
  leftReasons,
  memberCategories,
  memberStatuses,
} from "@/lib/domain/members";
import { todayInVietnam } from "@/lib/format";
import { useT, type Translate } from "@/lib/i18n/use-t";
import { flattenTree, useOrgTree, type Organization } from "@/lib/org-tree";
import { errorMessage, useFormProblem } from "@/lib/problems";

type Props = {
  me: Me;
  /** The member to change; null for a new one. */
  memberId: number | null;
  onClose: () => void;
  onSaved: (member: Member, created: boolean) => void;
};

/** Creates a member, or changes one (naming the version read, so that no change is lost). */
export function MemberFormDrawer({ me, memberId, onClose, onSaved }: Props) {
  const t = useT();
  return (
    <Drawer
      open
      size={760}
      title={memberId === null ? t("members.create") : t("members.edit")}
      onClose={onClose}
      destroyOnHidden
    >
      {memberId === null ? (
        <MemberFormLoader me={me} onCancel={onClose} onSaved={onSaved} />
      ) : (
        <EditMember me={me} memberId={memberId} onCancel={onClose} onSaved={onSaved} />
      )}
    </Drawer>
  );
}

type FormProps = {
  me: Me;
  onCancel: () => void;
  onSaved: (member: Member, created: boolean) => void;
};

function EditMember({ memberId, ...props }: FormProps & { memberId: number }) {
  const t = useT();
  const member = useMember(memberId);
  const reload = useCallback(async () => (await member.refetch()).data, [member]);
  if (member.isPending) return <Spin />;
  if (member.isError) return <Alert type="error" showIcon title={errorMessage(member.error, t)} />;
  return <MemberFormLoader {...props} current={member.data} reload={reload} />;
}

/** The form needs the organisation tree (branches and their cells): it waits for it. */
function MemberFormLoader(
  props: FormProps & {
    current?: VersionedMember;
    reload?: () => Promise<VersionedMember | undefined>;
  },
) {
  const t = useT();
  const tree = useOrgTree();
  if (tree.isPending) return <Spin />;
  if (tree.isError) return <Alert type="error" showIcon title={errorMessage(tree.error, t)} />;
  return <MemberForm {...props} orgs={flattenTree(tree.data)} />;
}

function required(t: Translate): FormRule {
  return { required: true, message: t("validation.required") };
}

function MemberForm({
  me,
  orgs,
  current,
  reload,
  onCancel,
  onSaved,
}: FormProps & {
  orgs: Organization[];
  current?: VersionedMember;
  reload?: () => Promise<VersionedMember | undefined>;
}) {
  const t = useT();
  const [form] = Form.useForm<MemberFormValues>();
  // The version this form edits: a change names it in If-Match.
  const [base, setBase] = useState(current ?? null);
  const [stale, setStale] = useState(false);
  const create = useCreateMember();
  const update = useUpdateMember(base?.member.id ?? 0);
  const problem = useFormProblem(form, { card_number_taken: "card_number" });
  const pending = create.isPending || update.isPending;

  const selectableBranch = useCallback(
    (org: Organization) => org.kind === "branch" && canEditMembersIn(me, org),
    [me],
  );
  const branches = orgs.filter(selectableBranch);
  const [initialValues] = useState(() =>
    base === null
      ? newMemberValues(branches.length === 1 ? branches[0].id : null)
      : formValuesOf(base.member),
  );

  const status = Form.useWatch("status", form);
  const attached = Form.useWatch("attached", form);
  const active = Form.useWatch("active", form);
  const branchId = Form.useWatch("branch_id", form);
  const cells = orgs.filter((org) => org.kind === "cell" && org.parent_id === branchId);

  const thisYear = todayInVietnam().year();
  const yearOptions = useMemo(() => {
    const years = new Set(Array.from({ length: 16 }, (_, i) => thisYear - i));
    for (const year of initialValues.long_absence_years ?? []) years.add(year);
    return [...years].sort((a, b) => b - a).map((year) => ({ value: year, label: String(year) }));
  }, [initialValues, thisYear]);

  const submit = () => {
    problem.setMessage(null);
    setStale(false);
    const values = form.getFieldsValue(true) as MemberFormValues;
    if (base === null) {
      create.mutate(createBody(values), {
        onSuccess: (created) => onSaved(created.member, true),
        onError: problem.show,
      });
      return;
    }
    const body = updateBody(base.member, values);
    if (Object.keys(body).length === 0) {
      onSaved(base.member, false);
      return;
    }
    update.mutate(
      { etag: base.etag, body },
      {
        onSuccess: (changed) => onSaved(changed.member, false),
        onError: (error) => {
          if (error instanceof ApiError && error.status === 412) setStale(true);
          else problem.show(error);
        },
      },
    );
  };

  const reloadRecord = async () => {
    const fresh = await reload?.();
    if (fresh === undefined) return;
    setBase(fresh);
    setStale(false);
    problem.setMessage(null);
    form.resetFields();
    form.setFieldsValue(formValuesOf(fresh.member));
  };

  const datePicker = (
    <DatePicker format={dateFormat} disabledDate={isFuture} style={{ width: "100%" }} />
  );

  return (
    <>
      {stale && <StaleRecordAlert onReload={reloadRecord} />}
      <FormError message={problem.message} />
      <Form<MemberFormValues>
        form={form}
        name="member"
        layout="vertical"
        onFinish={submit}
        disabled={pending}
        initialValues={initialValues}
      >
        <Divider titlePlacement="start" style={{ marginTop: 0 }}>
          {t("member.section.identity")}
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={14}>
            <Form.Item
              name="full_name"
              label={t("member.fullName")}
              rules={[
                { required: true, whitespace: true, message: t("validation.required") },
                { max: 100, message: t("validation.max", { max: 100 }) },
              ]}
            >
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item
              name="card_number"
              label={t("member.cardNumber")}
              extra={t("member.cardNumber.hint")}
            >
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="gender" label={t("member.gender")} rules={[required(t)]}>
              <Select
                options={genders.map((value) => ({ value, label: genderText(t, value) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="date_of_birth" label={t("member.dateOfBirth")} rules={[required(t)]}>
              {datePicker}
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">{t("member.section.party")}</Divider>
        <Row gutter={16}>
          <Col xs={24} md={14}>
            <Form.Item name="branch_id" label={t("member.branch")} rules={[required(t)]}>
              <OrgTreeSelect
                selectable={selectableBranch}
                placeholder={t("member.branch.placeholder")}
                // A cell belongs to one branch.
                onChange={() => form.setFieldValue("cell_id", null)}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="cell_id" label={t("member.cell")}>
              <Select
                allowClear
                disabled={pending || cells.length === 0}
                placeholder={t(cells.length === 0 ? "member.cell.none" : "member.cell.placeholder")}
                options={cells.map((cell) => ({ value: cell.id, label: cell.name }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="status" label={t("member.status")} rules={[required(t)]}>
              <Select
                options={memberStatuses.map((value) => ({
                  value,
                  label: memberStatusText(t, value),
                }))}
                onChange={(value: string) => {
                  // A probationary member has no official date yet.
                  if (value === "probationary") form.setFieldValue("official_on", null);
                }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="category" label={t("member.category")} rules={[required(t)]}>
              <Select
                options={memberCategories.map((value) => ({
                  value,
                  label: memberCategoryText(t, value),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="admitted_on" label={t("member.admittedOn")} rules={[required(t)]}>
              {datePicker}
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="official_on"
              label={t("member.officialOn")}
              rules={status === "probationary" ? [] : [required(t)]}
            >
              <DatePicker
                format={dateFormat}
                disabledDate={isFuture}
                disabled={pending || status === "probationary"}
                style={{ width: "100%" }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="exempt" label={t("member.exempt")} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="attached" label={t("member.attached")} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              name="home_branch_name"
              label={t("member.homeBranch")}
              extra={t("member.homeBranch.hint")}
              rules={attached ? [{ ...required(t), whitespace: true }] : []}
            >
              <Input disabled={pending || !attached} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              name="long_absence_years"
              label={t("member.longAbsence")}
              extra={t("member.longAbsence.hint")}
            >
              <Select
                mode="multiple"
                allowClear
                options={yearOptions}
                placeholder={t("member.longAbsence.placeholder")}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item name="leadership_post" label={t("member.leadershipPost")}>
              <Input placeholder={t("member.leadershipPost.placeholder")} />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item
              name="leadership_level"
              label={t("member.leadershipLevel")}
              dependencies={["leadership_post"]}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, level?: string | null) => {
                    const post = (getFieldValue("leadership_post") as string | null) ?? "";
                    return (post.trim() === "") === (level == null)
                      ? Promise.resolve()
                      : Promise.reject(new Error(t("member.leadership.incomplete")));
                  },
                }),
              ]}
            >
              <Select
                allowClear
                options={leadershipLevels.map((value) => ({
                  value,
                  label: leadershipLevelText(t, value),
                }))}
              />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">{t("member.section.work")}</Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="workplace_unit" label={t("member.workplaceUnit")}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="workplace_post" label={t("member.workplacePost")}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="residence_address" label={t("member.residenceAddress")}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="residence_committee_name" label={t("member.residenceCommittee")}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="residence_committee_contact"
              label={t("member.residenceCommitteeContact")}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              name="residence_committee_address"
              label={t("member.residenceCommitteeAddress")}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="phone" label={t("member.phone")}>
              <Input inputMode="tel" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            {/* Not type="email": the browser would block the form with its own message, where the
                server's (in Vietnamese, under the field) is wanted. */}
            <Form.Item name="email" label={t("member.email")}>
              <Input inputMode="email" autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>

        {base !== null && (
          <>
            <Divider titlePlacement="start">{t("member.section.leaving")}</Divider>
            <Row gutter={16}>
              <Col xs={24} md={6}>
                <Form.Item name="active" label={t("member.active")} valuePropName="checked">
                  <Switch
                    onChange={(checked) => {
                      if (checked) form.setFieldsValue({ left_on: null, left_reason: null });
                    }}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={9}>
                <Form.Item
                  name="left_on"
                  label={t("member.leftOn")}
                  rules={active ? [] : [required(t)]}
                >
                  <DatePicker
                    format={dateFormat}
                    disabledDate={isFuture}
                    disabled={pending || active}
                    style={{ width: "100%" }}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={9}>
                <Form.Item
                  name="left_reason"
                  label={t("member.leftReason")}
                  rules={active ? [] : [required(t)]}
                >
                  <Select
                    disabled={pending || active}
                    options={leftReasons.map((value) => ({
                      value,
                      label: leftReasonText(t, value),
                    }))}
                  />
                </Form.Item>
              </Col>
            </Row>
          </>
        )}

        <Flex gap={8} justify="end">
          <Button onClick={onCancel} disabled={false}>
            {t("common.cancel")}
          </Button>
          <Button type="primary" htmlType="submit" loading={pending}>
            {base === null ? t("common.create") : t("common.save")}
          </Button>
        </Flex>
      </Form>
    </>
  );
}
