import { Form, InputNumber } from "antd";
import { OrgSelect } from "@/components/org-select";
import type { OrgYearChange } from "@/lib/org-year";
import type { Organization } from "@/lib/org-tree";

type Props = {
  orgLabel: string;
  yearLabel: string;
  orgId: number | undefined;
  year: number;
  /** The organisations offered, in tree order. */
  offered: (org: Organization) => boolean;
  onChange: (changes: OrgYearChange) => void;
};

/** A page's choice of an organisation and a year (see `useOrgYearParams`). */
export function OrgYearForm({ orgLabel, yearLabel, orgId, year, offered, onChange }: Props) {
  return (
    <Form layout="inline">
      <Form.Item label={orgLabel}>
        <OrgSelect
          aria-label={orgLabel}
          value={orgId}
          onChange={(org) => onChange({ org })}
          offered={offered}
        />
      </Form.Item>
      <Form.Item label={yearLabel}>
        <InputNumber
          aria-label={yearLabel}
          min={1990}
          max={2100}
          precision={0}
          value={year}
          onChange={(value) => value !== null && onChange({ year: value })}
        />
      </Form.Item>
    </Form>
  );
}
