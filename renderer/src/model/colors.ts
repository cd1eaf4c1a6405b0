// A stable colour per service so the same service looks the same in every trace and every session.

/** FNV-1a over the name → a hue in degrees. */
export function serviceHue(service: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < service.length; i++) {
    h ^= service.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // Skip the reds (330..30°): red means error here.
  return 40 + ((h >>> 0) % 280);
}

/** CSS colour; lightness comes from the theme's --service-l variable so dark mode stays legible. */
export function serviceColor(service: string): string {
  return `hsl(${serviceHue(service)} 60% var(--service-l))`;
}
