import * as React from "react";
import { tokens } from "@fluentui/react-components";

export interface Bar {
  label: string;
  /** null: not applicable (drawn empty, shown as "—"). */
  value: number | null;
  /** Text shown at the end of the bar. */
  text: string;
}

export interface BarChartProps {
  title: string;
  bars: Bar[];
  /** The value of a full-width bar (1 for rates). */
  max?: number;
  /** A vertical reference line (a target), in the same unit as the values. */
  reference?: number | null;
}

const ROW = 22;
const WIDTH = 280;
const LABEL = 84;
const VALUE = 46;
const FONT = 12;

/** Approximate width of a label at FONT px: CJK characters are square, Latin about half. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2e80-\uffff]/.test(ch) ? FONT : FONT * 0.58;
  return w;
}

/** Shortens a label to fit the label column, with an ellipsis. */
function fit(label: string, room: number): string {
  if (textWidth(label) <= room) return label;
  let out = "";
  for (const ch of label) {
    if (textWidth(`${out}${ch}…`) > room) break;
    out += ch;
  }
  return `${out}…`;
}

/** A small horizontal bar chart drawn as inline SVG; text is set as text nodes, never as markup. */
export function BarChart({ title, bars, max, reference }: BarChartProps): React.JSX.Element {
  const top = Math.max(max ?? 0, reference ?? 0, ...bars.map((b) => b.value ?? 0), 1e-9);
  const plot = WIDTH - LABEL - VALUE;
  const x = (v: number) => LABEL + (Math.max(0, Math.min(v, top)) / top) * plot;
  const height = bars.length * ROW + 4;
  return (
    <svg
      role="img"
      aria-label={title}
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      style={{ display: "block", maxWidth: "100%" }}
      preserveAspectRatio="xMinYMin meet"
    >
      <title>{title}</title>
      {bars.map((b, i) => {
        const y = i * ROW + 2;
        return (
          <g key={`${i}-${b.label}`}>
            <text
              x={LABEL - 4}
              y={y + 15}
              textAnchor="end"
              fontSize={FONT}
              fill={tokens.colorNeutralForeground2}
            >
              <title>{b.label}</title>
              {fit(b.label, LABEL - 8)}
            </text>
            <rect
              x={LABEL}
              y={y + 3}
              width={plot}
              height={ROW - 8}
              fill={tokens.colorNeutralBackground3}
              rx="2"
            />
            {b.value !== null && (
              <rect
                x={LABEL}
                y={y + 3}
                width={Math.max(0, x(b.value) - LABEL)}
                height={ROW - 8}
                fill={tokens.colorBrandBackground}
                rx="2"
              />
            )}
            <text
              x={WIDTH - VALUE + 4}
              y={y + 15}
              fontSize={FONT}
              fill={tokens.colorNeutralForeground1}
            >
              {b.text}
            </text>
          </g>
        );
      })}
      {reference !== null && reference !== undefined && (
        <line
          x1={x(reference)}
          x2={x(reference)}
          y1={0}
          y2={height}
          stroke={tokens.colorPaletteRedBorderActive}
          strokeWidth="1.5"
          strokeDasharray="3 2"
        />
      )}
    </svg>
  );
}
