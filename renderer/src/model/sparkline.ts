// The status bar's spans-per-second sparkline as an SVG path.

/** values (oldest first) → an SVG path "M x,y L x,y …" filling width × height, y growing downwards. */
export function sparklinePath(values: readonly number[], width: number, height: number): string {
  if (values.length === 0) return '';
  const max = Math.max(1, ...values);
  const stepX = values.length > 1 ? width / (values.length - 1) : 0;
  const pts = values.map((v, i) => {
    const x = values.length > 1 ? i * stepX : width;
    const y = height - (Math.max(0, v) / max) * (height - 1) - 0.5;
    return `${round(x)},${round(y)}`;
  });
  return `M${pts.join(' L')}`;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** The latest complete second's rate (the last bucket is still filling, so it reads low). */
export function currentRate(values: readonly number[]): number {
  if (values.length >= 2) return values[values.length - 2]!;
  return values[0] ?? 0;
}
