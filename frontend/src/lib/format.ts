import dayjs from "dayjs";
import timezone from "dayjs/plugin/timezone";
import utc from "dayjs/plugin/utc";

dayjs.extend(utc);
dayjs.extend(timezone);

// Users are in Vietnam whatever the browser's zone: show every time in Asia/Ho_Chi_Minh.
export const displayZone = "Asia/Ho_Chi_Minh";

/** A calendar date of the API ("2026-11-20"): no time, so no zone either. */
export function formatDay(value: string | null | undefined): string {
  return value ? dayjs(value).format("DD/MM/YYYY") : "";
}

/** A picked calendar date as the API writes it. */
export function toApiDay(value: dayjs.Dayjs): string {
  return value.format("YYYY-MM-DD");
}

/** Today's date in Vietnam (where "not in the future" is decided). */
export function todayInVietnam(): dayjs.Dayjs {
  return dayjs(dayjs().tz(displayZone).format("YYYY-MM-DD"));
}

export function formatDate(value: dayjs.ConfigType): string {
  return dayjs(value).tz(displayZone).format("DD/MM/YYYY");
}

export function formatDateTime(value: dayjs.ConfigType): string {
  return dayjs(value).tz(displayZone).format("DD/MM/YYYY HH:mm");
}

/** With seconds: for a time that a user compares with a refresh a few seconds apart. */
export function formatDateTimeSeconds(value: dayjs.ConfigType): string {
  return dayjs(value).tz(displayZone).format("DD/MM/YYYY HH:mm:ss");
}

/** A file's size for people: "12,3 KB". */
export function sizeText(bytes: number, locale: string): string {
  const format = (value: number) =>
    value.toLocaleString(locale === "vi" ? "vi-VN" : "en-GB", { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${format(bytes / 1024)} KB`;
  return `${format(bytes / (1024 * 1024))} MB`;
}
