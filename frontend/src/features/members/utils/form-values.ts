import dayjs, { type Dayjs } from "dayjs";
import type { CreateMemberInput } from "@/features/members/api/create-member";
import type { Member } from "@/features/members/api/get-members";
import type { UpdateMemberInput } from "@/features/members/api/update-member";
import { toApiDay } from "@/lib/format";

/** The member form's values (dates as the DatePicker holds them). */
export type MemberFormValues = {
  card_number?: string | null;
  full_name?: string;
  gender?: string;
  date_of_birth?: Dayjs | null;
  branch_id?: number | null;
  cell_id?: number | null;
  status?: string;
  admitted_on?: Dayjs | null;
  official_on?: Dayjs | null;
  category?: string;
  exempt?: boolean;
  attached?: boolean;
  home_branch_name?: string | null;
  long_absence_years?: number[];
  leadership_post?: string | null;
  leadership_level?: string | null;
  workplace_unit?: string | null;
  workplace_post?: string | null;
  residence_address?: string | null;
  residence_committee_name?: string | null;
  residence_committee_contact?: string | null;
  residence_committee_address?: string | null;
  phone?: string | null;
  email?: string | null;
  active?: boolean;
  left_on?: Dayjs | null;
  left_reason?: string | null;
};

/** A record as the API writes it, every field present (null: none). */
type MemberFields = {
  card_number: string | null;
  full_name: string;
  gender: string;
  date_of_birth: string;
  branch_id: number;
  cell_id: number | null;
  status: string;
  admitted_on: string;
  official_on: string | null;
  category: string;
  exempt: boolean;
  attached: boolean;
  home_branch_name: string | null;
  long_absence_years: number[];
  leadership_post: string | null;
  leadership_level: string | null;
  workplace_unit: string | null;
  workplace_post: string | null;
  residence_address: string | null;
  residence_committee_name: string | null;
  residence_committee_contact: string | null;
  residence_committee_address: string | null;
  phone: string | null;
  email: string | null;
};

/** Whether the member is on the active list, and if not, since when and why. */
type Leaving = { active: boolean; left_on: string | null; left_reason: string | null };

const day = (value: string | null | undefined) => (value ? dayjs(value) : null);

export function formValuesOf(member: Member): MemberFormValues {
  return {
    ...member,
    date_of_birth: day(member.date_of_birth),
    admitted_on: day(member.admitted_on),
    official_on: day(member.official_on),
    left_on: day(member.left_on),
  };
}

/** The defaults of a new record. */
export function newMemberValues(branchId: number | null): MemberFormValues {
  return {
    branch_id: branchId,
    status: "official",
    exempt: false,
    attached: false,
    long_absence_years: [],
    active: true,
  };
}

const text = (value: string | null | undefined) => {
  const trimmed = value?.trim() ?? "";
  return trimmed === "" ? null : trimmed;
};
const date = (value: Dayjs | null | undefined) => (value ? toApiDay(value) : null);

/**
 * The record the form describes. What a disabled field shows does not count: no official date
 * for a probationary member, no home branch unless attached.
 */
function fieldsOf(values: MemberFormValues): MemberFields {
  const attached = values.attached ?? false;
  return {
    card_number: text(values.card_number),
    full_name: values.full_name?.trim().split(/\s+/).join(" ") ?? "",
    gender: values.gender ?? "",
    date_of_birth: date(values.date_of_birth) ?? "",
    branch_id: values.branch_id ?? 0,
    cell_id: values.cell_id ?? null,
    status: values.status ?? "",
    admitted_on: date(values.admitted_on) ?? "",
    official_on: values.status === "probationary" ? null : date(values.official_on),
    category: values.category ?? "",
    exempt: values.exempt ?? false,
    attached,
    home_branch_name: attached ? text(values.home_branch_name) : null,
    long_absence_years: [...(values.long_absence_years ?? [])].sort((a, b) => a - b),
    leadership_post: text(values.leadership_post),
    leadership_level: values.leadership_level ?? null,
    workplace_unit: text(values.workplace_unit),
    workplace_post: text(values.workplace_post),
    residence_address: text(values.residence_address),
    residence_committee_name: text(values.residence_committee_name),
    residence_committee_contact: text(values.residence_committee_contact),
    residence_committee_address: text(values.residence_committee_address),
    phone: text(values.phone),
    email: text(values.email),
  };
}

/** An active member has no date or reason of leaving. */
function leavingOf(values: MemberFormValues): Leaving {
  const active = values.active ?? true;
  return {
    active,
    left_on: active ? null : date(values.left_on),
    left_reason: active ? null : (values.left_reason ?? null),
  };
}

/** The body of a new member (a new member is active: nothing about leaving). */
export function createBody(values: MemberFormValues): CreateMemberInput {
  return fieldsOf(values);
}

/** The fields `values` changes on `member`: a PATCH leaves the others as they are. */
export function updateBody(member: Member, values: MemberFormValues): UpdateMemberInput {
  const current = formValuesOf(member);
  const before: MemberFields & Leaving = { ...fieldsOf(current), ...leavingOf(current) };
  const after: MemberFields & Leaving = { ...fieldsOf(values), ...leavingOf(values) };
  const body: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof typeof after)[]) {
    if (JSON.stringify(after[key]) !== JSON.stringify(before[key])) body[key] = after[key];
  }
  return body;
}
