import { MinusCircleOutlined, PlusOutlined, SaveOutlined } from "@ant-design/icons";
import { App, Button, Card, Flex, Form, Input, InputNumber, Typography } from "antd";
import { FormError } from "@/components/ui/form-error";
import {
  usePutTallyMinutes,
  type TallyMinutesInput,
  type VotingSession,
} from "@/features/cycles/api/voting";
import { useCyclesT } from "@/features/cycles/messages";
import { formatDateTime } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { useFormProblem } from "@/lib/problems";

const ballotFields = [
  ["ballots_issued", "minutes.ballotsIssued"],
  ["ballots_returned", "minutes.ballotsReturned"],
  ["ballots_valid", "minutes.ballotsValid"],
  ["ballots_invalid", "minutes.ballotsInvalid"],
] as const;

type BallotField = (typeof ballotFields)[number][0];
type Values = Record<BallotField, number | null> & {
  counting_committee: string[];
  chaired_by: string;
  recorded_by: string;
};

/** The most names a counting committee may have. */
const committeeMax = 7;

function initialValues(session: VotingSession): Values {
  const minutes = session.tally_minutes;
  if (minutes) {
    return {
      ballots_issued: minutes.ballots_issued,
      ballots_returned: minutes.ballots_returned,
      ballots_valid: minutes.ballots_valid,
      ballots_invalid: minutes.ballots_invalid,
      counting_committee:
        minutes.counting_committee.length > 0 ? minutes.counting_committee : [""],
      chaired_by: minutes.chaired_by,
      recorded_by: minutes.recorded_by,
    };
  }
  return {
    ballots_issued: null,
    ballots_returned: null,
    ballots_valid: null,
    ballots_invalid: null,
    counting_committee: [""],
    chaired_by: "",
    recorded_by: "",
  };
}

/**
 * The tally minutes' facts (biên bản kiểm phiếu): the ballots issued, returned, valid and
 * invalid, the counting committee (its head first), the chair and the recorder. The API checks
 * that the counts add up: its 422 shows under the fields it names.
 */
export function TallyMinutesForm({ session }: { session: VotingSession }) {
  const t = useT();
  const ct = useCyclesT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = usePutTallyMinutes(session.id);
  const problem = useFormProblem(form);
  const locked = session.status === "approved";
  const required = { required: true, message: t("validation.required") };
  const minutes = session.tally_minutes;

  const submit = (values: Values) => {
    problem.setMessage(null);
    const body: TallyMinutesInput = {
      ballots_issued: values.ballots_issued ?? 0,
      ballots_returned: values.ballots_returned ?? 0,
      ballots_valid: values.ballots_valid ?? 0,
      ballots_invalid: values.ballots_invalid ?? 0,
      counting_committee: values.counting_committee.map((name) => name.trim()),
      chaired_by: values.chaired_by.trim(),
      recorded_by: values.recorded_by.trim(),
    };
    save.mutate(body, {
      onSuccess: () => void message.success(ct("minutes.saved")),
      onError: problem.show,
    });
  };

  return (
    <Card title={ct("minutes.title")} data-testid="tally-minutes">
      <Typography.Paragraph type="secondary">{ct("minutes.intro")}</Typography.Paragraph>
      {locked && <FormError message={ct("minutes.locked")} />}
      <FormError message={problem.message} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={locked || save.isPending}
        initialValues={initialValues(session)}
      >
        <Flex gap={16} wrap>
          {ballotFields.map(([field, label]) => (
            <Form.Item key={field} name={field} label={ct(label)} rules={[required]}>
              <InputNumber min={0} precision={0} style={{ width: 160 }} />
            </Form.Item>
          ))}
        </Flex>
        <Form.Item label={ct("minutes.committee")} extra={ct("minutes.committee.hint")} required>
          <Form.List name="counting_committee">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map(({ key, name }) => (
                  <Flex key={key} gap={8} align="start">
                    <Form.Item
                      name={name}
                      rules={[{ ...required, whitespace: true }]}
                      style={{ flex: 1, maxWidth: 420, marginBottom: 0 }}
                    >
                      <Input
                        maxLength={120}
                        aria-label={ct("minutes.committee.member", { n: name + 1 })}
                        placeholder={name === 0 ? ct("minutes.committee.head") : undefined}
                      />
                    </Form.Item>
                    {fields.length > 1 && (
                      <Button
                        type="text"
                        icon={<MinusCircleOutlined />}
                        aria-label={ct("minutes.committee.remove", { n: name + 1 })}
                        onClick={() => remove(name)}
                      />
                    )}
                  </Flex>
                ))}
                {fields.length < committeeMax && (
                  <div>
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add("")}>
                      {ct("minutes.committee.add")}
                    </Button>
                  </div>
                )}
              </Flex>
            )}
          </Form.List>
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item
            name="chaired_by"
            label={ct("minutes.chairedBy")}
            rules={[{ ...required, whitespace: true }]}
            style={{ flex: 1, minWidth: 220, maxWidth: 420 }}
          >
            <Input maxLength={120} />
          </Form.Item>
          <Form.Item
            name="recorded_by"
            label={ct("minutes.recordedBy")}
            rules={[{ ...required, whitespace: true }]}
            style={{ flex: 1, minWidth: 220, maxWidth: 420 }}
          >
            <Input maxLength={120} />
          </Form.Item>
        </Flex>
        <Flex gap={16} align="center" wrap>
          {!locked && (
            <Button
              type="primary"
              htmlType="submit"
              icon={<SaveOutlined />}
              loading={save.isPending}
            >
              {ct("minutes.save")}
            </Button>
          )}
          {minutes && (
            <Typography.Text type="secondary" data-testid="tally-minutes-updated">
              {ct("minutes.updated", {
                by: minutes.updated_by,
                at: formatDateTime(minutes.updated_at),
              })}
            </Typography.Text>
          )}
        </Flex>
      </Form>
    </Card>
  );
}
