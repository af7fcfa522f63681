// Percentiles for the browser benchmarks (nearest rank).
export const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

export const median = (values) => percentile(values, 50);

/** p50 and p95 of `values`, rounded to 0.01, and how many there were. */
export const summary = (values) => ({
  p50: +percentile(values, 50).toFixed(2),
  p95: +percentile(values, 95).toFixed(2),
  trials: values.length,
});
