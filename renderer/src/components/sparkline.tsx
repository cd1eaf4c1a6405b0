import { sparklinePath } from '../model/sparkline.js';

export function Sparkline({
  values,
  width = 80,
  height = 18,
}: {
  values: number[];
  width?: number;
  height?: number;
}) {
  const d = sparklinePath(values, width, height);
  return (
    <svg
      className="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      aria-hidden="true"
    >
      {d && <path d={`${d} L${width},${height} L0,${height} Z`} className="sparkline-fill" />}
      {d && <path d={d} className="sparkline-line" />}
    </svg>
  );
}
