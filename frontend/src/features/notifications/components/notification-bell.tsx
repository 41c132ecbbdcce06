import { BellOutlined } from "@ant-design/icons";
import { Badge, Button, Empty, List, Popover, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { useNotifications } from "@/features/notifications/api/get-notifications";
import { formatDay } from "@/lib/format";
import { useT } from "@/lib/i18n/use-t";

/**
 * What is due to the signed-in user (the agenda's short form), as a bell with a count in the
 * header; each item leads to the page where it is done.
 */
export function NotificationBell() {
  const t = useT();
  const notifications = useNotifications();
  const items = notifications.data ?? [];
  const [open, setOpen] = useState(false);
  return (
    <Popover
      trigger="click"
      open={open}
      onOpenChange={setOpen}
      placement="bottomRight"
      title={t("notifications.label")}
      content={
        items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("notifications.empty")} />
        ) : (
          <List
            style={{ maxWidth: 380 }}
            size="small"
            dataSource={items}
            renderItem={(item) => (
              <List.Item>
                <div>
                  <Link to={item.route} onClick={() => setOpen(false)}>
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
        )
      }
    >
      <Badge count={items.length} size="small">
        <Button
          type="text"
          aria-label={t("notifications.label")}
          icon={<BellOutlined style={{ color: "#fff", fontSize: 18 }} />}
        />
      </Badge>
    </Popover>
  );
}
