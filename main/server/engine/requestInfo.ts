// What the engine reads from a request's headers: the SigV4 scope's region, and whether the request carries
// the parts of a signature AWS insists on (any credentials are accepted; signatures are not verified).

/** Region from `Credential=AKID/20261128/us-east-1/kinesis/aws4_request` (header or X-Amz-Credential query). */
export function regionFromScope(authorization: string | undefined, query: URLSearchParams | undefined): string | undefined {
  const credential = /Credential=([^,\s]+)/.exec(authorization ?? '')?.[1] ?? query?.get('X-Amz-Credential') ?? undefined;
  const region = credential?.split('/')[2];
  return region && /^[a-z0-9-]{1,32}$/.test(region) ? region : undefined;
}

/** AWS's IncompleteSignatureException text, or undefined when the signature's parts are all present. */
export function missingSignatureParts(authorization: string, hasDate: boolean): string | undefined {
  const params = new Map(
    authorization
      .split(/[, ]/)
      .slice(1)
      .filter(Boolean)
      .map((part) => {
        const [key, ...rest] = part.trim().split('=');
        return [key ?? '', rest.join('=')] as const;
      }),
  );
  let message = '';
  for (const param of ['Credential', 'Signature', 'SignedHeaders']) {
    if (!params.get(param)) message += `Authorization header requires '${param}' parameter. `;
  }
  if (!hasDate) message += "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
  return message ? `${message}Authorization=${authorization}` : undefined;
}

/** The query-string form (presigned URL): AWS names each missing or empty part, in this order. */
const QUERY_SIGNATURE_PARTS = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-SignedHeaders', 'X-Amz-Date'];

/** AWS's IncompleteSignatureException text for a query-string signature, or undefined when it is complete. */
export function missingQuerySignatureParts(query: URLSearchParams): string | undefined {
  const missing = QUERY_SIGNATURE_PARTS.filter((part) => !query.get(part));
  if (missing.length === 0) return undefined;
  return `${missing.map((part) => `AWS query-string parameters must include '${part}'. `).join('')}Re-examine the query-string parameters.`;
}
