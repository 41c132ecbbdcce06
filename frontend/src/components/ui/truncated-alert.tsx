import { Alert } from "antd";
import { useT } from "@/lib/i18n/use-t";
import { truncated, type ListPage } from "@/lib/paging";

/**
 * Says that a list read whole (one page of `WHOLE_LIST_PER_PAGE`) holds more than that page,
 * rather than showing its first rows as if they were all; nothing when every page is whole.
 */
export function TruncatedAlert({ pages }: { pages: (ListPage | undefined)[] }) {
  const t = useT();
  const cut = truncated(...pages);
  if (cut === null) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="list-truncated"
      title={t("list.truncated", { shown: cut.shown, total: cut.total })}
    />
  );
}
