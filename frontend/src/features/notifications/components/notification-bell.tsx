import { BellOutlined } from "@ant-design/icons";
import { Badge, Button, Popover, Spin } from "antd";
import { lazy, Suspense, useState } from "react";
import { useNotifications } from "@/features/notifications/api/get-notifications";
import { withMessages } from "@/lib/i18n/messages";
import { useT } from "@/lib/i18n/use-t";

// The list (antd's List, Empty, Tag) is loaded when the bell is first opened: the header is on
// every page, the list is no part of the first load.
const NotificationList = lazy(async () => ({
  default: (await withMessages(import("@/features/notifications/components/notification-list")))
    .NotificationList,
}));

/**
 * What is due to the signed-in user (the agenda's short form), as a bell with a count in the
 * header; each item leads to the page where it is done.
 */
export function NotificationBell() {
  const t = useT();
  const notifications = useNotifications();
  const items = notifications.data?.items ?? [];
  // The count is of everything due, not only of the first page listed.
  const total = notifications.data?.total ?? 0;
  const [open, setOpen] = useState(false);
  return (
    <Popover
      trigger="click"
      open={open}
      onOpenChange={setOpen}
      placement="bottomRight"
      title={t("notifications.label")}
      content={
        <Suspense fallback={<Spin size="small" />}>
          <NotificationList items={items} total={total} onChoose={() => setOpen(false)} />
        </Suspense>
      }
    >
      <Badge count={total} size="small">
        <Button
          type="text"
          aria-label={t("notifications.label")}
          icon={<BellOutlined style={{ color: "#fff", fontSize: 18 }} />}
        />
      </Badge>
    </Popover>
  );
}
