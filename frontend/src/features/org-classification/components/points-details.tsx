import { Card, Col, Descriptions, Flex, Row, Table, Tag, Typography } from "antd";
import { GroupSum } from "@/features/org-classification/components/group-sum";
import {
  factEffectText,
  pointsBasisText,
  quarterRuleText,
  quotaScopeText,
} from "@/features/org-classification/components/labels";
import { useOrgT } from "@/features/org-classification/messages";
import {
  itemsSum,
  pointsText,
  type FactInfo,
  type GroupInfo,
  type ItemInfo,
  type PointsInfo,
} from "@/lib/classification/points";
import { useLocale } from "@/lib/i18n/use-t";

/** A group's items and their maxima, in points, under the check that they add up (S2). */
function GroupItems({ group }: { group: GroupInfo }) {
  const ot = useOrgT();
  const { locale } = useLocale();
  return (
    <Table<ItemInfo>
      size="small"
      pagination={false}
      rowKey="code"
      dataSource={group.items}
      title={() => (
        <Typography.Text strong>
          {ot("points.group.title", { label: group.label, max: pointsText(group.max, locale) })}
        </Typography.Text>
      )}
      footer={() => <GroupSum sum={itemsSum(group.items)} max={group.max} />}
      columns={[
        { title: ot("points.item"), key: "label", dataIndex: "label" },
        {
          title: ot("points.max"),
          key: "max",
          align: "right",
          width: 110,
          render: (_, item) => pointsText(item.max, locale),
        },
      ]}
    />
  );
}

/** A points rule set in full (RULES-2025.md): frames and items, bands, facts, quota, quarters. */
export function PointsDetails({ points, testId }: { points: PointsInfo; testId?: string }) {
  const ot = useOrgT();
  const { locale } = useLocale();
  const at = (tenths: number) => pointsText(tenths, locale);

  return (
    <Flex vertical gap={12} data-testid={testId}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {ot("points.frames")}
      </Typography.Title>
      <Row gutter={[12, 12]}>
        {points.frames.map((frame) => (
          <Col key={frame.frame} xs={24} xl={12}>
            <Card
              size="small"
              data-testid={`points-frame-${frame.frame}`}
              title={ot("points.frame.title", { frame: frame.frame, form: frame.form })}
            >
              <Flex vertical gap={8}>
                <Typography.Text type="secondary">{frame.who}</Typography.Text>
                {frame.groups.map((group) => (
                  <GroupItems key={group.code} group={group} />
                ))}
              </Flex>
            </Card>
          </Col>
        ))}
      </Row>
      <Descriptions
        size="small"
        bordered
        column={1}
        items={[
          {
            key: "levels",
            label: ot("points.levels"),
            children: (
              <Flex vertical>
                <span>
                  {ot("points.band.excellent", {
                    points: at(points.band_excellent),
                    percent: points.excellent_exceeded_percent,
                  })}
                </span>
                <span>{ot("points.band.good", { points: at(points.band_good) })}</span>
                <span>
                  {ot("points.band.completed", {
                    points: at(points.band_completed),
                    percent: points.completed_behind_percent,
                  })}
                </span>
                <span>
                  {ot("points.band.failed", {
                    points: at(points.band_completed),
                    percent: points.failed_percent,
                  })}
                </span>
              </Flex>
            ),
          },
          {
            key: "quota",
            label: ot("points.quota"),
            children: (
              <Flex vertical>
                <span>
                  {ot("points.quota.value", {
                    percent: points.quota_percent,
                    basis: pointsBasisText(ot, points.quota_basis),
                    scope: quotaScopeText(ot, points.quota_scope),
                  })}
                </span>
                <span>
                  {ot("points.quota.outstanding", { percent: points.quota_outstanding_percent })}
                </span>
              </Flex>
            ),
          },
          {
            key: "quarters",
            label: ot("points.quarters"),
            children: quarterRuleText(ot, points.quarter_rule),
          },
          {
            key: "other",
            label: ot("points.other"),
            children: (
              <Flex vertical>
                <span>{ot("points.newMember", { months: points.new_member_months })}</span>
                <span>
                  {ot(points.long_absence_cap ? "points.longAbsence.on" : "points.longAbsence.off")}
                </span>
                <span>
                  {ot(points.branch_vote ? "points.branchVote.on" : "points.branchVote.off")}
                </span>
              </Flex>
            ),
          },
        ]}
      />
      <Table<FactInfo>
        data-testid="points-facts"
        size="small"
        pagination={false}
        rowKey="code"
        dataSource={points.facts}
        title={() => <Typography.Text strong>{ot("points.facts")}</Typography.Text>}
        columns={[
          { title: ot("points.fact"), key: "label", dataIndex: "label" },
          {
            title: ot("points.fact.frames"),
            key: "frames",
            width: 200,
            render: (_, fact) => (
              <Flex gap={4} wrap>
                {fact.frames.map((frame) => (
                  <Tag key={frame}>{frame}</Tag>
                ))}
              </Flex>
            ),
          },
          {
            title: ot("points.fact.effect"),
            key: "effect",
            width: 240,
            render: (_, fact) => (
              <Tag color={fact.effect === "not_completed" ? "red" : "orange"}>
                {factEffectText(ot, fact.effect)}
              </Tag>
            ),
          },
        ]}
      />
    </Flex>
  );
}
