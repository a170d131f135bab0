/** A small line chart of meter values across the conversation; the table beside it carries the same figures. */
export function MeterChart({ meter }: { meter: { label: string; min: number; max: number; values: number[] } }) {
  const width = 320;
  const height = 80;
  const span = Math.max(1, meter.max - meter.min);
  const stepX = meter.values.length > 1 ? width / (meter.values.length - 1) : width;
  const points = meter.values
    .map((value, index) => `${(index * stepX).toFixed(1)},${(height - ((value - meter.min) / span) * height).toFixed(1)}`)
    .join(" ");
  return (
    <svg viewBox={`-4 -4 ${width + 8} ${height + 8}`} className="meter-chart" aria-hidden="true" focusable="false">
      <line x1="0" y1={height} x2={width} y2={height} className="meter-chart__axis" />
      <polyline points={points} className="meter-chart__line" />
    </svg>
  );
}
