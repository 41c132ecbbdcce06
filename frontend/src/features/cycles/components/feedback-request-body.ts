import type dayjs from "dayjs";
import { toApiDay } from "@/lib/format";

/** What a feedback request asks, for one member or a batch (plan II.2.2, P2). */
export type RequestFieldValues = {
  source: string;
  provider_user_id?: number | null;
  cluster?: string;
  led_by?: string;
  delivery?: string | null;
  return_envelope?: boolean;
  sent_on?: dayjs.Dayjs | null;
  due_on?: dayjs.Dayjs | null;
};

const day = (value: dayjs.Dayjs | null | undefined) => (value ? toApiDay(value) : null);
const text = (value: string | undefined) => (value?.trim() ? value.trim() : null);

/**
 * The request's fields as the API takes them: each source's own fields only, a return envelope
 * only with a letter by post. `clusterFields: false` when a cluster gives its name and leader.
 */
export function requestBody(values: RequestFieldValues, clusterFields = true) {
  const workplace = values.source === "workplace" && clusterFields;
  const residence = values.source === "residence";
  return {
    source: values.source,
    provider_user_id: values.provider_user_id ?? null,
    cluster: workplace ? text(values.cluster) : null,
    led_by: workplace ? text(values.led_by) : null,
    delivery: residence ? (values.delivery ?? null) : null,
    return_envelope: residence && values.delivery === "post" && Boolean(values.return_envelope),
    sent_on: day(values.sent_on),
    due_on: day(values.due_on),
  };
}
