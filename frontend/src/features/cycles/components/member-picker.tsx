import { Select } from "antd";
import { useState } from "react";
import { useMemberSearch } from "@/features/cycles/api/suggestions";
import { useDebouncedCallback } from "@/lib/use-debounced-callback";

type PickerProps = {
  id?: string;
  organizationId: number;
  value?: number;
  onChange?: (value: number | undefined) => void;
};

/** Picks an active member of the cycle's organisation, searched by name on the server. */
export function MemberPicker({ id, organizationId, value, onChange }: PickerProps) {
  const [q, setQ] = useState("");
  const search = useDebouncedCallback(setQ, 300).schedule;
  const members = useMemberSearch(organizationId, q);
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: (text: string) => search(text) }}
      allowClear
      value={value}
      onChange={onChange}
      loading={members.isFetching}
      options={(members.data?.items ?? []).map((member) => ({
        value: member.id,
        label: `${member.full_name} — ${member.branch_name}`,
      }))}
    />
  );
}
