import { Flex, Space, Tag, Tooltip, Typography } from "antd";
import { Link } from "react-router";
import { levelColor, resultStatusText, ruleHref, ruleText } from "@/lib/classification/labels";
import { classificationLevelText } from "@/lib/domain/labels";
import type { Translate } from "@/lib/i18n/use-t";

/** What the engine says of a member: the shape shared by a preview result and a stored one. */
export type EngineResult = {
  status: string;
  level?: string | null;
  cap?: string | null;
  reasons: string[];
  /** The result in words (the engine's, for a preview or a session's outcome). */
  explanation?: string;
};

/**
 * The level (or why there is none), the result in words when the engine gave them, the cap the
 * gates set, and each rule id as a small tag explained on hover, linked to the rule's entry on
 * the rule sets page when this build knows the rule.
 */
export function ResultTags({ t, result }: { t: Translate; result: EngineResult }) {
  return (
    <>
      <div>
        {result.level ? (
          <Tag color={levelColor(result.level)}>{classificationLevelText(t, result.level)}</Tag>
        ) : (
          <Tag>{resultStatusText(t, result.status)}</Tag>
        )}
      </div>
      {result.explanation && (
        <Typography.Text style={{ fontSize: 13 }} data-testid="result-words">
          {result.explanation}
        </Typography.Text>
      )}
      {result.cap && !result.explanation && (
        <Typography.Text type="secondary">
          {t("whatIf.cap", { level: classificationLevelText(t, result.cap) })}
        </Typography.Text>
      )}
      <Space size={[4, 4]} wrap>
        {result.reasons.map((reason) => {
          const text = ruleText(t, reason);
          const tag = (
            <Tag style={{ fontSize: 11, lineHeight: "18px", marginInlineEnd: 0 }}>{reason}</Tag>
          );
          return (
            <Tooltip key={reason} title={text ?? reason}>
              {/* A known rule links to its explanation on the rule sets page. */}
              {text === null ? tag : <Link to={ruleHref(reason)}>{tag}</Link>}
            </Tooltip>
          );
        })}
      </Space>
    </>
  );
}

/** A result in a table cell, under the field errors of its row, if any. */
export function ResultCell({
  t,
  result,
  errors = [],
  testId,
}: {
  t: Translate;
  result: EngineResult | undefined;
  errors?: { message: string }[];
  testId: string;
}) {
  return (
    <Flex vertical gap={4} data-testid={testId}>
      {errors.map((error, at) => (
        <Typography.Text key={at} type="danger">
          {error.message}
        </Typography.Text>
      ))}
      {result && <ResultTags t={t} result={result} />}
    </Flex>
  );
}
