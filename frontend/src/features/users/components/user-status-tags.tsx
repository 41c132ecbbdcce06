import { Flex, Tag } from "antd";
import type { User } from "@/features/users/api/get-users";
import { useT } from "@/lib/i18n/use-t";

/** Whether the user may log in, and whether they must change a password someone else set. */
export function UserStatusTags({ user }: { user: User }) {
  const t = useT();
  return (
    <Flex wrap gap={4}>
      {user.active ? (
        <Tag color="green">{t("users.active")}</Tag>
      ) : (
        <Tag>{t("users.inactive")}</Tag>
      )}
      {user.must_change_password && <Tag color="orange">{t("users.mustChangePassword")}</Tag>}
    </Flex>
  );
}
