import { RightOutlined } from "@ant-design/icons";
import { Alert, Card, Empty, Flex, Skeleton, Tag, Typography } from "antd";
import { Link } from "react-router";
import { useAgenda, type AgendaItem } from "@/features/agenda/api/get-agenda";
import { kindKey, useAgendaT } from "@/features/agenda/messages";
import { formatDay } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage } from "@/lib/problems";

/** The late first, otherwise in the server's order (the soonest first). */
function lateFirst(items: AgendaItem[]): AgendaItem[] {
  return [...items.filter((item) => item.late), ...items.filter((item) => !item.late)];
}

function AgendaEntry({ item }: { item: AgendaItem }) {
  const at = useAgendaT();
  return (
    <Card
      size="small"
      data-testid="agenda-item"
      data-kind={item.kind}
      style={item.late ? { borderColor: "#ffa39e" } : undefined}
    >
      <Flex vertical gap={4}>
        <Flex gap={8} align="center" wrap>
          <Link to={item.route} style={{ fontWeight: 600, fontSize: 16 }}>
            {at(kindKey(item.kind))} <RightOutlined style={{ fontSize: 12 }} />
          </Link>
          {item.late && <Tag color="red">{at("agenda.late")}</Tag>}
        </Flex>
        <Typography.Text style={{ overflowWrap: "anywhere" }}>{item.message}</Typography.Text>
        {item.due_on && (
          <Typography.Text type={item.late ? "danger" : "secondary"}>
            {at("agenda.due", { date: formatDay(item.due_on) })}
          </Typography.Text>
        )}
      </Flex>
    </Card>
  );
}

/** What the signed-in user has to do, each item leading to the page where it is done. */
export function AgendaList() {
  const t = useT();
  const at = useAgendaT();
  const agenda = useAgenda();
  if (agenda.isPending) return (
      <div data-testid="agenda-loading">
        <Skeleton active />
      </div>
    );
  if (agenda.isError) {
    return <Alert type="error" showIcon title={errorMessage(agenda.error, t)} />;
  }
  const items = lateFirst(agenda.data.items);
  return (
    <Flex vertical gap={12} data-testid="agenda" style={{ maxWidth: 760 }}>
      <Flex gap={8} align="center" wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {at("agenda.title")}
        </Typography.Title>
        {agenda.data.late > 0 && (
          <Tag color="red">{at("agenda.lateCount", { count: agenda.data.late })}</Tag>
        )}
      </Flex>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={at("agenda.empty")} />
      ) : (
        items.map((item, index) => (
          <AgendaEntry
            key={`${item.kind}-${item.subject.kind}-${item.subject.id}-${index}`}
            item={item}
          />
        ))
      )}
    </Flex>
  );
}
