import type { Dayjs } from "dayjs";
import { todayInVietnam } from "@/lib/format";

/** How every date of a member is picked and shown. */
export const dateFormat = "DD/MM/YYYY";

/** No date of a member's record lies in the future (the server checks it in Vietnam's time). */
export function isFuture(date: Dayjs): boolean {
  return date.isAfter(todayInVietnam(), "day");
}
