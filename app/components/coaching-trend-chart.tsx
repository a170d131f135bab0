import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { TrendWeek } from "./coaching-trend";

// Loaded only in the browser, after the page is ready (see coaching-trend.tsx), so recharts is
// never part of any other page's scripts and never delays the table that carries the same figures.

const PRACTICE = "#1d5b63"; // --brand
const SUPERVISION = "#9a3f22"; // --warm

export default function CoachingTrendChart({ weeks }: { weeks: TrendWeek[] }) {
  return (
    <ResponsiveContainer width="100%" height={260}>
      <BarChart data={weeks} margin={{ top: 8, right: 8, bottom: 8, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#d8d0c4" />
        <XAxis dataKey="label" tick={{ fill: "#1f2a2e" }} />
        <YAxis allowDecimals={false} tick={{ fill: "#1f2a2e" }} width={48} />
        <Tooltip />
        <Legend />
        <Bar dataKey="practiceMinutes" name="Practice minutes" fill={PRACTICE} isAnimationActive={false} />
        <Bar dataKey="supervisionMinutes" name="Supervision minutes" fill={SUPERVISION} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
