import dayjs from "dayjs";
import timezone from "dayjs/plugin/timezone";
import utc from "dayjs/plugin/utc";

dayjs.extend(utc);
dayjs.extend(timezone);

// Users are in Vietnam whatever the browser's zone: show every time in Asia/Ho_Chi_Minh.
export const displayZone = "Asia/Ho_Chi_Minh";

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
