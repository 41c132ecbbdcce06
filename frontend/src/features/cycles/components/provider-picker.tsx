import { Select } from "antd";
import { useState } from "react";
import { useFeedbackProviders } from "@/features/cycles/api/feedback";
import { useCyclesT } from "@/features/cycles/messages";
import { useDebouncedCallback } from "@/lib/use-debounced-callback";

type Props = {
  id?: string;
  cycleId: number;
  value?: number | null;
  onChange?: (value: number | null) => void;
};

/**
 * Picks the feedback provider (a mass organisation, a residence committee's representative) by
 * name, searched on the server without diacritics (issue #17): never a user id to type.
 */
export function ProviderPicker({ id, cycleId, value, onChange }: Props) {
  const ct = useCyclesT();
  const [q, setQ] = useState("");
  const search = useDebouncedCallback(setQ, 250).schedule;
  const providers = useFeedbackProviders(cycleId, q);
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: (text: string) => search(text.trim()) }}
      allowClear
      value={value ?? undefined}
      onChange={(picked?: number) => onChange?.(picked ?? null)}
      loading={providers.isFetching}
      placeholder={ct("feedback.provider.search")}
      notFoundContent={providers.isFetching ? undefined : ct("feedback.provider.none")}
      options={(providers.data ?? []).map((provider) => ({
        value: provider.user_id,
        label:
          provider.organizations.length > 0
            ? `${provider.display_name} — ${provider.organizations.join(", ")}`
            : provider.display_name,
      }))}
    />
  );
}
