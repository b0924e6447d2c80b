/** Which editions of an order have a tear sheet: those whose day has passed (Asia/Seoul), once the order was printable. */
export const PRINTABLE_STATES: ReadonlySet<string> = new Set(['paid', 'scheduled', 'running', 'completed']);

export function tearSheetDays(order: { state: string; runs: string[] }, today: string): string[] {
  return PRINTABLE_STATES.has(order.state) ? order.runs.filter((d) => d < today) : [];
}

export const tearSheetHref = (orderId: number, day: string) => `/ads/orders/${orderId}/tearsheets/${day}.pdf`;
