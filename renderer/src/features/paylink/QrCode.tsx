import qrcode from 'qrcode-generator';
import { useMemo } from 'react';

/**
 * A QR code as one SVG path (crisp at any size, nothing to load), with the quiet zone phones need.
 * Error correction M: a phone camera reads it off a counter screen at arm's length.
 */
export function QrCode({ text, label, size = 320 }: { text: string; label: string; size?: number }) {
  const { path, extent } = useMemo(() => qrPath(text), [text]);
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${extent} ${extent}`}
      shapeRendering="crispEdges"
      data-qr-text={text}
    >
      <rect width={extent} height={extent} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}

const QUIET_ZONE = 4;

/** The dark modules as one path of unit squares, offset by the quiet zone. */
export function qrPath(text: string): { path: string; extent: number; modules: number } {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const modules = qr.getModuleCount();
  const parts: string[] = [];
  for (let row = 0; row < modules; row += 1) {
    for (let col = 0; col < modules; col += 1) {
      if (qr.isDark(row, col)) parts.push(`M${col + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`);
    }
  }
  return { path: parts.join(''), extent: modules + 2 * QUIET_ZONE, modules };
}
