// Dates as the dashboards print them ("Dec 6, 2026").
export function formatDate(date) {
  return date.toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric' });
}

export const today = () => formatDate(new Date());

/** The date `days` days from now. */
export function daysFromNow(days) {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return formatDate(date);
}
