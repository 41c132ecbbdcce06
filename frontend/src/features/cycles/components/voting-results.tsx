import { Button, Flex, Space, Table, Tag, Typography } from "antd";
import { ResultTags } from "@/components/classification/result-tags";
import type { ResultRecord } from "@/features/cycles/api/voting";
import {
  resultStateColor,
  resultStateText,
  voteFields,
} from "@/features/cycles/components/voting-labels";
import { useCyclesT } from "@/features/cycles/messages";
import { formatDay } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";

/**
 * A session's stored results: each member's level, the rules behind it, the votes and whether
 * the base committee approved it, and a completed member's shortcomings with the date to remedy
 * them (M9). `onMember` makes the names open the member's history.
 */
export function VotingResults({
  results,
  onMember,
}: {
  results: ResultRecord[];
  onMember?: (result: ResultRecord) => void;
}) {
  const t = useT();
  const ct = useCyclesT();
  const withShortcomings = results.some((result) => result.shortcomings);
  return (
    <Table<ResultRecord>
      data-testid="voting-results"
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={results}
      columns={[
        {
          title: t("voting.name"),
          dataIndex: "full_name",
          render: (name: string, result) =>
            onMember ? (
              <Button type="link" style={{ padding: 0 }} onClick={() => onMember(result)}>
                {name}
              </Button>
            ) : (
              name
            ),
        },
        {
          title: t("voting.votes"),
          key: "votes",
          render: (_, { votes }) =>
            voteFields
              .map((field) => `${t(`whatIf.votes.${field}`)} ${votes[field] ?? 0}`)
              .join(" · "),
        },
        {
          title: t("voting.result"),
          key: "result",
          render: (_, result) => (
            <Flex vertical gap={4}>
              <ResultTags t={t} result={result} />
            </Flex>
          ),
        },
        ...(withShortcomings
          ? [
              {
                title: ct("results.shortcomings"),
                key: "shortcomings",
                render: (_: unknown, result: ResultRecord) =>
                  result.shortcomings && (
                    <Flex
                      vertical
                      gap={2}
                      style={{ maxWidth: 360 }}
                      data-testid="result-shortcomings"
                    >
                      <Typography.Text style={{ whiteSpace: "pre-line" }}>
                        {result.shortcomings}
                      </Typography.Text>
                      {result.remedy_by && (
                        <Typography.Text type="secondary">
                          {ct("results.remedyBy", { date: formatDay(result.remedy_by) })}
                        </Typography.Text>
                      )}
                    </Flex>
                  ),
              },
            ]
          : []),
        {
          title: t("voting.resultState"),
          key: "state",
          render: (_, result) => (
            <Space size={[4, 4]} wrap>
              <Tag color={resultStateColor(result.state)}>{resultStateText(t, result.state)}</Tag>
              {result.supplementary && <Tag>{t("voting.supplementary")}</Tag>}
            </Space>
          ),
        },
      ]}
    />
  );
}
