/** Service-quality figures per merchant over time (charts; filled once the figures over time exist). */
export function ServiceQualityCharts() {
  return null;
}
