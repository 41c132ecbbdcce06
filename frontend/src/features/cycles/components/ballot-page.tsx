import { CheckCircleOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Flex, Form, Radio, Result, Spin, Typography } from "antd";
import { useState } from "react";
import { useBallot, useCastBallot } from "@/features/cycles/api/voting";
import { classificationLevelText } from "@/lib/domain/labels";
import { classificationLevels } from "@/lib/domain/members";
import { formatDay } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage } from "@/lib/problems";

type Values = Record<string, string>;

/** A member's secret ballot in an electronic session: one level for each member classified. */
export function BallotPage({ sid }: { sid: number }) {
  const t = useT();
  const { modal } = App.useApp();
  const ballot = useBallot(sid);
  const cast = useCastBallot(sid);
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);

  if (ballot.isPending) return <Spin />;
  if (ballot.isError) return <Alert type="error" showIcon title={errorMessage(ballot.error, t)} />;
  const { session, candidates, may_vote: mayVote, has_voted: hasVoted } = ballot.data;

  const submit = (values: Values) => {
    setProblem(null);
    void modal.confirm({
      title: t("ballot.submit.confirm"),
      okText: t("ballot.submit"),
      cancelText: t("common.cancel"),
      onOk: () =>
        cast
          .mutateAsync(
            candidates.map((candidate) => ({
              member_id: candidate.member_id,
              level: values[String(candidate.member_id)],
            })),
          )
          .catch((error: unknown) => setProblem(errorMessage(error, t))),
    });
  };

  const heading = (
    <>
      <Typography.Title level={2}>{t("ballot.title")}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {session.branch_name} — {formatDay(session.held_on)}
      </Typography.Paragraph>
    </>
  );

  if (hasVoted || cast.isSuccess) {
    return (
      <>
        {heading}
        <Result
          status="success"
          icon={<CheckCircleOutlined />}
          title={t("ballot.voted")}
          data-testid="ballot-voted"
        />
      </>
    );
  }

  return (
    <Flex vertical gap={16} data-testid="ballot">
      {heading}
      {!mayVote && <Alert type="info" showIcon title={t("ballot.mayNotVote")} />}
      {mayVote && session.status !== "open" && (
        <Alert type="info" showIcon title={t("ballot.notOpen")} />
      )}
      {problem && <Alert type="error" showIcon title={problem} />}
      {mayVote && session.status === "open" && (
        <>
          <Typography.Paragraph>{t("ballot.intro")}</Typography.Paragraph>
          <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={cast.isPending}>
            <Flex vertical gap={8}>
              {candidates.map((candidate) => (
                <Card key={candidate.member_id} size="small">
                  <Form.Item
                    name={String(candidate.member_id)}
                    label={<Typography.Text strong>{candidate.full_name}</Typography.Text>}
                    rules={[{ required: true, message: t("ballot.required") }]}
                    style={{ marginBottom: 0 }}
                  >
                    <Radio.Group
                      aria-label={candidate.full_name}
                      options={classificationLevels.map((level) => ({
                        value: level,
                        label: classificationLevelText(t, level),
                      }))}
                    />
                  </Form.Item>
                </Card>
              ))}
            </Flex>
            <Button
              type="primary"
              htmlType="submit"
              loading={cast.isPending}
              style={{ marginTop: 16 }}
            >
              {t("ballot.submit")}
            </Button>
          </Form>
        </>
      )}
    </Flex>
  );
}
