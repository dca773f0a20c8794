// A small line chart of the run's combined download rate over time (plain SVG).
import { formatRate } from "../../../core/format";
import type { ThroughputSample } from "../run-events";

const WIDTH = 600;
const HEIGHT = 120;

export function ThroughputChart({ samples }: { samples: ThroughputSample[] }) {
  if (samples.length < 2) {
    return <p className="text-sm text-zinc-500 dark:text-zinc-400">The download rate is charted here while files download.</p>;
  }
  const start = samples[0]!.at;
  const span = Math.max(1, samples[samples.length - 1]!.at - start);
  const peak = Math.max(1, ...samples.map((sample) => sample.rate));
  const points = samples.map((sample) => `${(((sample.at - start) / span) * WIDTH).toFixed(1)},${(HEIGHT - (sample.rate / peak) * (HEIGHT - 8)).toFixed(1)}`);
  const latest = samples[samples.length - 1]!.rate;
  return (
    <figure>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        className="h-28 w-full"
        role="img"
        aria-label={`Download rate over ${Math.round(span / 1000)} s, peak ${formatRate(peak)}, now ${formatRate(latest)}`}
      >
        <polygon points={`0,${HEIGHT} ${points.join(" ")} ${WIDTH},${HEIGHT}`} className="fill-sky-500/15" />
        <polyline points={points.join(" ")} fill="none" strokeWidth={2} vectorEffect="non-scaling-stroke" className="stroke-sky-500" />
      </svg>
      <figcaption className="mt-1 flex justify-between text-xs text-zinc-500 dark:text-zinc-400">
        <span>now {formatRate(latest)}</span>
        <span>peak {formatRate(peak)}</span>
      </figcaption>
    </figure>
  );
}
