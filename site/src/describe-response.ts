/** What the page shows of a response: a status line with timing, the headers and the body. */
export interface ShownResponse {
  summary: string;
  headers: string;
  body: string;
}

export async function describeResponse(response: Response, elapsedMs: number): Promise<ShownResponse> {
  const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n');
  const body = await response.text();
  return {
    // Responses made in the service worker usually have no status text.
    summary: `${[response.status, response.statusText].filter(Boolean).join(' ')} in ${elapsedMs.toFixed(1)} ms`,
    headers,
    body: body || '(empty body)',
  };
}
