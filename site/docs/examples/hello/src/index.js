// A Spin HTTP handler in plain JavaScript: the runner evaluates it in your browser.
export default {
  fetch(request) {
    const { pathname } = new URL(request.url);
    return new Response(`Hello from Swerve at ${pathname}!\n`, {
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  },
};
