import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';

/** One uPlot chart, sized to its container; `label` is its text alternative. */
export const Chart = ({
  options,
  data,
  label,
}: {
  options: Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
  label: string;
}) => {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const chart = new uPlot(
      { ...options, width: Math.max(320, element.clientWidth || 640), height: 240 },
      data,
      element,
    );
    return () => chart.destroy();
  }, [options, data]);
  return <div ref={container} class="chart" role="img" aria-label={label} />;
};

export type { uPlot };
