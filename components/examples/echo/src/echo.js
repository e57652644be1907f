// An `incoming-handler` style component: it implements the WASI HTTP export directly, so tests
// can see exactly what the host handed to a component (method, path and query, headers, body).
import { Fields, OutgoingBody, OutgoingResponse, ResponseOutparam } from 'wasi:http/types@0.2.10';

const decoder = new TextDecoder();
const encoder = new TextEncoder();
// `blocking-write-and-flush` accepts at most 4096 bytes per call.
const WRITE_CHUNK = 4096;

function methodName(method) {
  return method.tag === 'other' ? method.val : method.tag.toUpperCase();
}

function readHeaders(fields) {
  const headers = {};
  for (const [name, value] of fields.entries()) {
    const text = decoder.decode(value);
    headers[name] = name in headers ? `${headers[name]}, ${text}` : text;
  }
  return headers;
}

function readBody(request) {
  const body = request.consume();
  const stream = body.stream();
  const chunks = [];
  for (;;) {
    let chunk;
    try {
      chunk = stream.blockingRead(65536n);
    } catch (error) {
      if (error?.payload?.tag === 'closed') break;
      throw error;
    }
    chunks.push(chunk);
  }
  stream[Symbol.dispose]();
  const text = chunks.map((chunk) => decoder.decode(chunk, { stream: true })).join('') + decoder.decode();
  return text;
}

function respond(responseOut, status, contentType, text) {
  const response = new OutgoingResponse(Fields.fromList([['content-type', encoder.encode(contentType)]]));
  response.setStatusCode(status);
  const body = response.body();
  const stream = body.write();
  const bytes = encoder.encode(text);
  for (let offset = 0; offset < bytes.length; offset += WRITE_CHUNK) {
    stream.blockingWriteAndFlush(bytes.subarray(offset, offset + WRITE_CHUNK));
  }
  stream[Symbol.dispose]();
  OutgoingBody.finish(body, undefined);
  ResponseOutparam.set(responseOut, { tag: 'ok', val: response });
}

export const incomingHandler = {
  handle(request, responseOut) {
    const echo = {
      method: methodName(request.method()),
      pathWithQuery: request.pathWithQuery() ?? null,
      authority: request.authority() ?? null,
      headers: readHeaders(request.headers()),
      body: readBody(request),
    };
    // One line on stdout per request, so the host's logs show what a guest prints.
    console.log(`echo: ${echo.method} ${echo.pathWithQuery}`);
    respond(responseOut, 200, 'application/json', JSON.stringify(echo, null, 2) + '\n');
  },
};
