import { Empty, List, Tag, Typography } from "antd";
import { Link } from "react-router";
import type { Notification } from "@/features/notifications/api/get-notifications";
import { formatDay } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";

type Props = {
  items: Notification[];
  /** How many are due in all (the list holds the first page of them). */
  total: number;
  /** Called when an item's link is followed (the bell closes). */
  onChoose: () => void;
};

/** The bell's items, each with its due date and a link to where it is done. */
export function NotificationList({ items, total, onChoose }: Props) {
  const t = useT();
  if (items.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("notifications.empty")} />;
  }
  return (
    <List
      style={{ maxWidth: 380 }}
      size="small"
      dataSource={items}
      footer={
        total > items.length && (
          <Typography.Text type="secondary">
            {t("notifications.more", { shown: items.length, total })}
          </Typography.Text>
        )
      }
      renderItem={(item) => (
        <List.Item>
          <div>
            <Link to={item.route} onClick={onChoose}>
              {item.message}
            </Link>
            <div>
              {item.due_on && (
                <Typography.Text type={item.overdue ? "danger" : "secondary"}>
                  {t("notifications.due", { date: formatDay(item.due_on) })}
                </Typography.Text>
              )}
              {item.overdue && <Tag color="red">{t("notifications.overdue")}</Tag>}
            </div>
          </div>
        </List.Item>
      )}
    />
  );
}
