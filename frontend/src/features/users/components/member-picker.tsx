import { Select } from "antd";
import { useState } from "react";
import { useLinkedMember, useMemberSearch, type LinkableMember } from "@/features/users/api/members";
import { memberLabel } from "@/features/users/components/member-label";
import { useT } from "@/lib/i18n/use-t";
import { useDebouncedCallback } from "@/lib/use-debounced-callback";

type Props = {
  id?: string;
  value?: number | null;
  /** The member chosen (undefined when cleared), from the options shown. */
  onChange?: (value: number | null, member?: LinkableMember) => void;
  disabled?: boolean;
  "aria-label"?: string;
};

/**
 * Picks a member record by name or card number, searched on the server without diacritics
 * (issue #17): never a member id to type. The chosen one keeps its name while other names are
 * searched.
 */
export function MemberPicker({ id, value, onChange, disabled, "aria-label": ariaLabel }: Props) {
  const t = useT();
  const [q, setQ] = useState("");
  const search = useDebouncedCallback(setQ, 250).schedule;
  const found = useMemberSearch(q);
  const linked = useLinkedMember(value);
  const members = [...(found.data?.items ?? [])];
  if (linked.data && !members.some((member) => member.id === linked.data.id)) {
    members.unshift(linked.data);
  }
  return (
    <Select
      id={id}
      aria-label={ariaLabel}
      showSearch={{ filterOption: false, onSearch: (text: string) => search(text.trim()) }}
      allowClear
      disabled={disabled}
      value={value ?? undefined}
      onChange={(picked?: number) =>
        onChange?.(
          picked ?? null,
          members.find((member) => member.id === picked),
        )
      }
      loading={found.isFetching}
      placeholder={t("users.member.search")}
      notFoundContent={found.isFetching ? undefined : t("users.member.notFound")}
      options={members.map((member) => ({ value: member.id, label: memberLabel(t, member) }))}
      style={{ width: "100%" }}
    />
  );
}
