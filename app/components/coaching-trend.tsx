import { lazy, Suspense, useEffect, useState } from "react";

export type TrendWeek = {
  weekStart: string;
  label: string;
  practiceMinutes: number;
  supervisionMinutes: number;
  reflectionsShared: number;
};

const CoachingTrendChart = lazy(() => import("./coaching-trend-chart"));

const WEEK = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short" });
const WEEK_LONG = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });

/** "2026-11-02" → "2 Nov" */
function weekLabel(weekStart: string): string {
  return WEEK.format(new Date(`${weekStart}T00:00:00Z`));
}

/** True once React runs in the browser: without JavaScript the table alone carries the figures. */
function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/**
 * A team's week-by-week time as a bar chart with the same figures in a real table beneath it.
 * The table is always in the page (the chart adds nothing it does not say), so screen readers,
 * keyboards and browsers without JavaScript lose nothing. The chart is drawn in the browser only:
 * recharts cannot lay a chart out on the server.
 */
export function CoachingTrend({
  id,
  title,
  weeks,
}: {
  id: string;
  title: string;
  weeks: { weekStart: string; practiceMinutes: number; supervisionMinutes: number; reflectionsShared: number }[];
}) {
  const hydrated = useHydrated();
  const rows: TrendWeek[] = weeks.map((week) => ({ ...week, label: weekLabel(week.weekStart) }));
  const captionId = `${id}-caption`;
  return (
    <figure className="coaching-trend" aria-labelledby={captionId}>
      <figcaption id={captionId} className="coaching-trend__caption">
        {title}
        <span className="hint">
          Weeks start on Monday; a part week at either end counts only the days in the period.
        </span>
      </figcaption>
      {hydrated ? (
        <div
          className="coaching-trend__chart"
          role="img"
          aria-label={`Bar chart of practice and supervision minutes for each of ${rows.length} weeks. The table below gives the same figures.`}
        >
          <Suspense fallback={null}>
            <CoachingTrendChart weeks={rows} />
          </Suspense>
        </div>
      ) : null}
      <div className="table-wrap">
        <table className="coaching-table">
          <caption className="visually-hidden">{title}, as a table</caption>
          <thead>
            <tr>
              <th scope="col">Week starting</th>
              <th scope="col" className="numeric">
                Practice minutes
              </th>
              <th scope="col" className="numeric">
                Supervision minutes
              </th>
              <th scope="col" className="numeric">
                Reflections shared
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((week) => (
              <tr key={week.weekStart}>
                <th scope="row">
                  <time dateTime={week.weekStart}>{WEEK_LONG.format(new Date(`${week.weekStart}T00:00:00Z`))}</time>
                </th>
                <td className="numeric">{week.practiceMinutes}</td>
                <td className="numeric">{week.supervisionMinutes}</td>
                <td className="numeric">{week.reflectionsShared}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
