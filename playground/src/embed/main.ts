/** The embed page: a shared app, decoded from the URL fragment (lib/share), running at its own origin. */
document.getElementById('app')!.textContent = 'Not built yet.';
