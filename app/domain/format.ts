// Heartwork is used in England: times are shown in UK time whatever the server's zone.
const DATE_TIME = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});
const DATE = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  day: "numeric",
  month: "long",
  year: "numeric",
});

export function formatDateTime(date: Date | string): string {
  return DATE_TIME.format(new Date(date));
}

export function formatDate(date: Date | string): string {
  return DATE.format(new Date(date));
}
