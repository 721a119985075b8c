/*
 * Switchboard's website chat widget (issue 10: INB-1, MSG-1, MSG-2, INP-1, INP-2, INP-3, CARD-6, CARD-8).
 *
 * Served by the channel-widget bundle at /widget/widget.js and put on a site with
 *   <script async src="https://host/widget/widget.js" data-key="KEY"
 *           data-lang="en|ru" data-tool="..." data-user-id="..." data-user-hash="..."></script>
 * (all but data-key optional). Plain JavaScript, no framework, no build step. It calls only the API at
 * /widget/api/<key>/ on the script's own origin (the widget contract of issue 10) and loads only the file links that
 * API hands out.
 *
 * What it keeps to:
 * - The page is never slowed: the tag is async, and nothing is built before the browser is idle.
 * - Everything lives in one shadow root (mode open, so that browser tests can reach in) on one host element, with all
 *   its CSS inside, so that the site's CSS and the widget's never meet.
 * - Nothing anyone typed is ever parsed as HTML: texts go in through textContent and text nodes; links are built as
 *   elements, with http(s) addresses only.
 * - Privacy: until the visitor opens the chat, only GET config is called and nothing is written to the browser's
 *   storage or cookies (the _ga cookie is only read, when a message is sent).
 * - Nothing typed is lost: a message the server cannot take now waits in an outbox and is sent again, with backoff,
 *   once the chat is back (the plugin may be uninstalled and reinstalled while a visitor is on the page); a message
 *   the server refuses goes back into the composer, or stays with its reason and a retry button.
 * - The file is ASCII only (non-ASCII text is written as \u escapes), so that a page in any encoding reads it right.
 *
 * Hooks for browser tests (data-sb attributes; "host" is in the page, everything else in host.shadowRoot):
 *   host           the element that holds the shadow root
 *   bubble         the button that opens and closes the chat (aria-expanded)
 *   unread         the bubble's badge: team messages that came while the chat was closed
 *   panel          the chat (role=dialog, aria-label with the team's name)
 *   close          the panel's close button
 *   avatar, team, presence   the header: initials, the team's name, "Online"/"Away"
 *   status         the "chat is not available" line, shown while the server cannot be reached
 *   log            the message list (role=log)
 *   more           "loading earlier messages", at the top of the list
 *   greeting       the greeting, the first line of the conversation (not a stored message)
 *   message        a message: data-from="client|team", data-id=<server id> (sent) or data-pending=<client uuid>
 *                  (not yet stored), data-state="sent|sending|waiting|failed"
 *   author, text, time   the parts of a message
 *   file           a file in a message, data-state="ready|pending|failed|refused"; an img or a link inside when ready
 *   retry          the retry button of a message not sent
 *   notice         an information line, data-kind="consent|offline|thanks"
 *   contact, contact-input, contact-send   the nobody-online form for an e-mail or phone
 *   prechat        the pre-chat form; prechat-name, prechat-email, prechat-phone: its inputs
 *   error          the composer's error line (refused files, missing fields, too many messages)
 *   uploads        the files attached to the next message; upload: one of them (data-state="uploading|done|failed"),
 *                  progress: its progress bar, remove: its remove button
 *   input          the message textarea; send, attach (the button), file-input (the input type=file), emoji
 *   emoji-picker   the emoji grid
 *   drop           the overlay shown while files are dragged over the panel
 */
(function () {
  'use strict';

  var script = document.currentScript ||
      document.querySelector('script[data-key][src*="/widget/widget.js"]');
  if (!script || !script.src || !script.getAttribute('data-key') || !window.fetch) return;
  var key = script.getAttribute('data-key').trim();
  var guard = '__switchboardWidget:' + key;
  if (window[guard]) return; // the tag twice on one page: one widget
  window[guard] = true;

  var origin = new URL(script.src, location.href).origin;
  var base = origin + '/widget/api/' + encodeURIComponent(key) + '/';
  var storageKey = 'switchboard.widget.' + key;
  var userId = data('user-id'), userHash = data('user-hash'), tool = data('tool');
  var lang = /^ru\b/i.test(data('lang') || document.documentElement.lang || navigator.language || '') ? 'ru' : 'en';

  var MAX_FILES = 10;
  var EMOJI = ['\uD83D\uDE00', '\uD83D\uDE02', '\uD83D\uDE0A', '\uD83D\uDE0D', '\uD83D\uDE42', '\uD83D\uDE09', '\uD83D\uDE0E', '\uD83E\uDD14', '\uD83D\uDE22', '\uD83D\uDE2E', '\uD83D\uDE21', '\uD83D\uDE34',
    '\uD83D\uDC4D', '\uD83D\uDC4E', '\uD83D\uDC4F', '\uD83D\uDE4F', '\uD83D\uDC4B', '\uD83D\uDCAA', '\uD83C\uDF89', '\u2764\uFE0F', '\uD83D\uDD25', '\u2705', '\u2B50', '\uD83D\uDCA1'];

  var TEXTS = {
    en: {
      open: 'Open chat', close: 'Close chat', chat: 'Chat', dialog: 'Chat with {team}', messages: 'Messages',
      online: 'Online', away: 'Away', message: 'Message', placeholder: 'Write a message\u2026', send: 'Send',
      attach: 'Attach files', emoji: 'Emoji', remove: 'Remove', retry: 'Retry', sending: 'Sending\u2026',
      waiting: 'Waiting to be sent', notSent: 'Not sent', read: 'Read', edited: 'edited', loading: 'loading\u2026',
      undelivered: 'not delivered', earlier: 'Loading earlier messages\u2026',
      unavailable: 'The chat is not available right now. Please try again later.',
      rate: 'Too many messages, wait a moment', rateIn: 'Too many messages, wait a moment ({s} s)',
      tooLarge: '"{name}" is too large: files of this kind may be up to {limit}.', emptyFile: '"{name}" is empty.',
      tooMany: 'At most {n} files in one message.', tooLong: 'The message is too long: at most {n} characters.',
      wait: 'Wait until the files are uploaded.', notUploaded: 'not uploaded', uploaded: 'ready',
      name: 'Name', email: 'E-mail', phone: 'Phone', required: 'required', fill: 'Please fill in: {fields}.',
      badEmail: 'Please check the e-mail address.', badPhone: 'Please check the phone number.',
      contact: 'E-mail or phone', contactSend: 'Send', thanks: 'Thank you! We will reply to you.',
      drop: 'Drop the files here to attach them', units: ['B', 'KB', 'MB', 'GB']
    },
    ru: {
      open: '\u041E\u0442\u043A\u0440\u044B\u0442\u044C \u0447\u0430\u0442', close: '\u0417\u0430\u043A\u0440\u044B\u0442\u044C \u0447\u0430\u0442', chat: '\u0427\u0430\u0442', dialog: '\u0427\u0430\u0442: {team}', messages: '\u0421\u043E\u043E\u0431\u0449\u0435\u043D\u0438\u044F',
      online: '\u0412 \u0441\u0435\u0442\u0438', away: '\u0421\u0435\u0439\u0447\u0430\u0441 \u043D\u0435\u0442 \u043D\u0430 \u043C\u0435\u0441\u0442\u0435', message: '\u0421\u043E\u043E\u0431\u0449\u0435\u043D\u0438\u0435', placeholder: '\u041D\u0430\u043F\u0438\u0448\u0438\u0442\u0435 \u0441\u043E\u043E\u0431\u0449\u0435\u043D\u0438\u0435\u2026',
      send: '\u041E\u0442\u043F\u0440\u0430\u0432\u0438\u0442\u044C', attach: '\u041F\u0440\u0438\u043A\u0440\u0435\u043F\u0438\u0442\u044C \u0444\u0430\u0439\u043B\u044B', emoji: '\u042D\u043C\u043E\u0434\u0437\u0438', remove: '\u0423\u0431\u0440\u0430\u0442\u044C', retry: '\u041F\u043E\u0432\u0442\u043E\u0440\u0438\u0442\u044C',
      sending: '\u041E\u0442\u043F\u0440\u0430\u0432\u043B\u044F\u0435\u0442\u0441\u044F\u2026', waiting: '\u0416\u0434\u0451\u0442 \u043E\u0442\u043F\u0440\u0430\u0432\u043A\u0438', notSent: '\u041D\u0435 \u043E\u0442\u043F\u0440\u0430\u0432\u043B\u0435\u043D\u043E', read: '\u041F\u0440\u043E\u0447\u0438\u0442\u0430\u043D\u043E',
      edited: '\u0438\u0437\u043C\u0435\u043D\u0435\u043D\u043E', loading: '\u0437\u0430\u0433\u0440\u0443\u0436\u0430\u0435\u0442\u0441\u044F\u2026', undelivered: '\u043D\u0435 \u0434\u043E\u0441\u0442\u0430\u0432\u043B\u0435\u043D',
      earlier: '\u0417\u0430\u0433\u0440\u0443\u0436\u0430\u0435\u043C \u043F\u0440\u0435\u0436\u043D\u0438\u0435 \u0441\u043E\u043E\u0431\u0449\u0435\u043D\u0438\u044F\u2026',
      unavailable: '\u0427\u0430\u0442 \u0441\u0435\u0439\u0447\u0430\u0441 \u043D\u0435\u0434\u043E\u0441\u0442\u0443\u043F\u0435\u043D. \u041F\u043E\u0436\u0430\u043B\u0443\u0439\u0441\u0442\u0430, \u043F\u043E\u043F\u0440\u043E\u0431\u0443\u0439\u0442\u0435 \u043F\u043E\u0437\u0436\u0435.',
      rate: '\u0421\u043B\u0438\u0448\u043A\u043E\u043C \u043C\u043D\u043E\u0433\u043E \u0441\u043E\u043E\u0431\u0449\u0435\u043D\u0438\u0439, \u043F\u043E\u0434\u043E\u0436\u0434\u0438\u0442\u0435 \u043D\u0435\u043C\u043D\u043E\u0433\u043E',
      rateIn: '\u0421\u043B\u0438\u0448\u043A\u043E\u043C \u043C\u043D\u043E\u0433\u043E \u0441\u043E\u043E\u0431\u0449\u0435\u043D\u0438\u0439, \u043F\u043E\u0434\u043E\u0436\u0434\u0438\u0442\u0435 \u043D\u0435\u043C\u043D\u043E\u0433\u043E ({s} \u0441)',
      tooLarge: '\u00AB{name}\u00BB \u0441\u043B\u0438\u0448\u043A\u043E\u043C \u0431\u043E\u043B\u044C\u0448\u043E\u0439: \u0444\u0430\u0439\u043B\u044B \u0442\u0430\u043A\u043E\u0433\u043E \u0432\u0438\u0434\u0430 \u2014 \u043D\u0435 \u0431\u043E\u043B\u044C\u0448\u0435 {limit}.', emptyFile: '\u0424\u0430\u0439\u043B \u00AB{name}\u00BB \u043F\u0443\u0441\u0442\u043E\u0439.',
      tooMany: '\u041D\u0435 \u0431\u043E\u043B\u044C\u0448\u0435 {n} \u0444\u0430\u0439\u043B\u043E\u0432 \u0432 \u043E\u0434\u043D\u043E\u043C \u0441\u043E\u043E\u0431\u0449\u0435\u043D\u0438\u0438.', tooLong: '\u0421\u043E\u043E\u0431\u0449\u0435\u043D\u0438\u0435 \u0441\u043B\u0438\u0448\u043A\u043E\u043C \u0434\u043B\u0438\u043D\u043D\u043E\u0435: \u043D\u0435 \u0431\u043E\u043B\u044C\u0448\u0435 {n} \u0441\u0438\u043C\u0432\u043E\u043B\u043E\u0432.',
      wait: '\u0414\u043E\u0436\u0434\u0438\u0442\u0435\u0441\u044C, \u043F\u043E\u043A\u0430 \u0444\u0430\u0439\u043B\u044B \u0437\u0430\u0433\u0440\u0443\u0437\u044F\u0442\u0441\u044F.', notUploaded: '\u043D\u0435 \u0437\u0430\u0433\u0440\u0443\u0436\u0435\u043D', uploaded: '\u0433\u043E\u0442\u043E\u0432\u043E',
      name: '\u0418\u043C\u044F', email: 'E-mail', phone: '\u0422\u0435\u043B\u0435\u0444\u043E\u043D', required: '\u043E\u0431\u044F\u0437\u0430\u0442\u0435\u043B\u044C\u043D\u043E', fill: '\u0417\u0430\u043F\u043E\u043B\u043D\u0438\u0442\u0435, \u043F\u043E\u0436\u0430\u043B\u0443\u0439\u0441\u0442\u0430: {fields}.',
      badEmail: '\u041F\u0440\u043E\u0432\u0435\u0440\u044C\u0442\u0435 \u0430\u0434\u0440\u0435\u0441 e-mail.', badPhone: '\u041F\u0440\u043E\u0432\u0435\u0440\u044C\u0442\u0435 \u043D\u043E\u043C\u0435\u0440 \u0442\u0435\u043B\u0435\u0444\u043E\u043D\u0430.',
      contact: 'E-mail \u0438\u043B\u0438 \u0442\u0435\u043B\u0435\u0444\u043E\u043D', contactSend: '\u041E\u0442\u043F\u0440\u0430\u0432\u0438\u0442\u044C', thanks: '\u0421\u043F\u0430\u0441\u0438\u0431\u043E! \u041C\u044B \u0432\u0430\u043C \u043E\u0442\u0432\u0435\u0442\u0438\u043C.',
      drop: '\u041E\u0442\u043F\u0443\u0441\u0442\u0438\u0442\u0435 \u0444\u0430\u0439\u043B\u044B, \u0447\u0442\u043E\u0431\u044B \u043F\u0440\u0438\u043A\u0440\u0435\u043F\u0438\u0442\u044C \u0438\u0445', units: ['\u0411', '\u041A\u0411', '\u041C\u0411', '\u0413\u0411']
    }
  };

  var ICONS = {
    chat: 'M20 2H4a2 2 0 0 0-2 2v18l4-4h14a2 2 0 0 0 2-2V4a2 2 0 0 0-2-2z',
    attach: 'M16.5 6v11.5a4 4 0 0 1-8 0V5a2.5 2.5 0 0 1 5 0v10.5a1 1 0 0 1-2 0V6H10v9.5a2.5 2.5 0 0 0 5 0V5a4 ' +
        '4 0 0 0-8 0v12.5a5.5 5.5 0 0 0 11 0V6h-1.5z',
    send: 'M2.01 21 23 12 2.01 3 2 10l15 2-15 2z',
    emoji: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 18a8 8 0 1 1 0-16 8 8 0 0 1 0 16zm3.5-9a1.5 1.5 0 1 0 0-3 ' +
        '1.5 1.5 0 0 0 0 3zm-7 0a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3zm3.5 6.5c2.33 0 4.31-1.46 5.11-3.5H6.89c.8 2.04 ' +
        '2.78 3.5 5.11 3.5z'
  };

  var CSS = [
    ':host{all:initial}',
    '.sb{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif,' +
        '"Apple Color Emoji","Segoe UI Emoji","Noto Color Emoji";color:#1f2328;text-align:left;direction:ltr;' +
        'letter-spacing:normal;word-spacing:normal;text-transform:none;--sb-c:#1f6feb;--sb-on:#fff}',
    '*,*::before,*::after{box-sizing:border-box}',
    '[hidden]{display:none!important}',
    'button,input,textarea{font:inherit;color:inherit;margin:0}',
    'button{cursor:pointer}',
    ':focus-visible{outline:2px solid var(--sb-c);outline-offset:2px}',
    '.bubble{position:fixed;right:20px;bottom:20px;width:56px;height:56px;border-radius:50%;border:0;padding:0;' +
        'background:var(--sb-c);color:var(--sb-on);box-shadow:0 4px 14px rgba(0,0,0,.25);display:flex;' +
        'align-items:center;justify-content:center;transition:transform .15s}',
    '.bubble:hover{transform:scale(1.06)}',
    '.bubble svg{width:28px;height:28px;fill:currentColor}',
    '.badge{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;padding:0 6px;border-radius:10px;' +
        'background:#d1242f;color:#fff;font-size:12px;font-weight:600;line-height:20px;text-align:center}',
    '.panel{position:fixed;right:20px;bottom:88px;width:370px;height:600px;max-height:calc(100vh - 108px);' +
        'background:#fff;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.25);display:flex;' +
        'flex-direction:column;overflow:hidden}',
    '.head{background:var(--sb-c);color:var(--sb-on);display:flex;align-items:center;gap:10px;padding:12px 14px;' +
        'flex-shrink:0}',
    '.head :focus-visible{outline-color:currentColor}',
    '.avatar{width:36px;height:36px;border-radius:50%;background:#fff;color:var(--sb-c);display:flex;' +
        'align-items:center;justify-content:center;font-weight:700;flex-shrink:0}',
    '.title{flex:1;min-width:0}',
    '.tname{font-weight:600;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}',
    '.presence{font-size:12px;opacity:.9}',
    '.x{background:none;border:0;color:inherit;font-size:24px;line-height:1;padding:2px 8px;border-radius:6px}',
    '.status{background:#fff8c5;color:#4d2d00;padding:8px 12px;font-size:13px;border-bottom:1px solid #eac54f}',
    '.log{flex:1;min-height:0;overflow-y:auto;padding:10px 12px;background:#f6f8fa;display:flex;' +
        'flex-direction:column}',
    '.list{display:flex;flex-direction:column}',
    '.more{text-align:center;font-size:12px;color:#57606a;padding:4px}',
    '.msg{max-width:85%;margin:3px 0;padding:7px 11px;border-radius:12px;overflow-wrap:anywhere;' +
        'word-wrap:break-word}',
    '.msg.team{align-self:flex-start;background:#fff;border:1px solid #d0d7de;border-bottom-left-radius:4px}',
    '.msg.client{align-self:flex-end;background:var(--sb-c);color:var(--sb-on);border-bottom-right-radius:4px}',
    '.msg a{color:inherit}',
    '.msg[data-state=failed],.msg[data-state=waiting]{opacity:.8}',
    '.txt{white-space:pre-wrap}',
    '.author{font-size:12px;font-weight:600;color:#57606a;margin-bottom:2px}',
    '.meta{font-size:11px;opacity:.75;margin-top:2px;text-align:right}',
    '.file{margin-top:4px}',
    '.file img{display:block;max-width:100%;max-height:240px;border-radius:8px}',
    '.lb{background:none;border:0;padding:0;color:inherit;text-decoration:underline;font-size:inherit}',
    '.foot{flex-shrink:0;max-height:60%;overflow-y:auto;border-top:1px solid #d0d7de;background:#fff}',
    '.notice{padding:8px 12px;font-size:13px;color:#57606a;white-space:pre-wrap;border-bottom:1px solid #eaeef2}',
    '.form{padding:8px 12px;display:flex;flex-direction:column;gap:6px;border-bottom:1px solid #eaeef2}',
    '.row{display:flex;gap:6px}',
    '.form label{font-size:12px;color:#57606a}',
    '.in{width:100%;border:1px solid #d0d7de;border-radius:6px;padding:6px 8px;background:#fff}',
    '.in[aria-invalid=true]{border-color:#d1242f}',
    '.btn{border:0;border-radius:6px;padding:6px 12px;background:var(--sb-c);color:var(--sb-on)}',
    '.err{color:#d1242f;font-size:13px;padding:6px 12px 0}',
    '.ups{padding:6px 12px 0;display:flex;flex-direction:column;gap:4px}',
    '.up{display:flex;align-items:center;gap:6px;font-size:12px}',
    '.up .n{flex:1;min-width:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}',
    '.up progress{width:70px;height:6px}',
    '.picker{display:grid;grid-template-columns:repeat(8,1fr);gap:2px;padding:6px 8px 0}',
    '.picker button{background:none;border:0;font-size:20px;padding:3px;border-radius:6px}',
    '.picker button:hover,.ib:hover{background:#f3f4f6}',
    '.composer{display:flex;align-items:flex-end;gap:2px;padding:8px}',
    '.composer textarea{flex:1;min-width:0;resize:none;border:1px solid #d0d7de;border-radius:8px;padding:8px;' +
        'height:38px;max-height:120px;background:#fff;line-height:1.4}',
    '.ib{background:none;border:0;width:34px;height:38px;border-radius:6px;color:#57606a;font-size:18px;' +
        'padding:0;display:flex;align-items:center;justify-content:center;flex-shrink:0}',
    '.ib svg{width:20px;height:20px;fill:currentColor}',
    '.ib.go{color:var(--sb-c)}',
    '.sr{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);' +
        'white-space:nowrap;border:0}',
    '.drop{position:absolute;top:0;left:0;right:0;bottom:0;background:rgba(255,255,255,.92);' +
        'border:2px dashed var(--sb-c);border-radius:12px;display:flex;align-items:center;justify-content:center;' +
        'text-align:center;padding:20px;font-weight:600;pointer-events:none}',
    '@media (max-width:479.98px){.panel{top:0;left:0;right:0;bottom:0;width:auto;height:auto;max-height:none;' +
        'border-radius:0}.drop{border-radius:0}.composer textarea{font-size:16px}}',
    '@media (prefers-reduced-motion:reduce){*{transition:none!important;animation:none!important;' +
        'scroll-behavior:auto!important}}',
    '@media print{.sb{display:none}}'
  ].join('\n');

  /* ---- state ---- */
  var root, bubble, badge, panel, avatar, teamEl, presenceEl, statusEl, log, moreEl, greetingEl, list, pendingList,
      consentEl, offlineEl, thanksEl, contactForm, contactInput, prechatForm, errorEl, uploadsEl, picker,
      emojiButton, input, fileInput, dropEl;
  var config = null, token = null, visitor = null;
  var isOpen = false, started = false, loaded = false, hasClient = false, contactGiven = false;
  var byId = {}, newestAt = 0, next = null, loadingOlder = false, stick = true;
  var outbox = [], flushing = false, attached = [], prechatInputs = {};
  var down = false, netFails = 0, backoff = 0, retryTimer = null, syncing = null, sessionRun = null;
  var es = null, mode = 'sse', sseFails = 0, liveFails = 0, polling = false, skew = 0, skewKnown = false;
  var lastRead = 0, readTimer = null, unread = 0, rateTimer = null, errorTimer = null, dragDepth = 0;

  function data(name) {
    var v = script.getAttribute('data-' + name);
    return v ? v.trim() : '';
  }

  function t(k, args) {
    var s = TEXTS[lang][k] || TEXTS.en[k];
    return args ? s.replace(/\{(\w+)\}/g, function (m, n) { return n in args ? String(args[n]) : m; }) : s;
  }

  /** An element with attributes, listeners (on...), a text (text) and children; never HTML. */
  function h(tag, props, kids) {
    var e = document.createElement(tag);
    for (var p in props || {}) {
      var v = props[p];
      if (v == null || v === false) continue;
      if (p === 'text') e.textContent = v;
      else if (p === 'sb') e.setAttribute('data-sb', v);
      else if (p === 'cls') e.className = v;
      else if (p.slice(0, 2) === 'on') e.addEventListener(p.slice(2), v);
      else e.setAttribute(p, v === true ? '' : v);
    }
    (kids || []).forEach(function (k) {
      if (k) e.appendChild(typeof k === 'string' ? document.createTextNode(k) : k);
    });
    return e;
  }

  function icon(name) {
    var ns = 'http://www.w3.org/2000/svg', svg = document.createElementNS(ns, 'svg'),
        path = document.createElementNS(ns, 'path');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    path.setAttribute('d', ICONS[name]);
    svg.appendChild(path);
    return svg;
  }

  function show(el, on) { el.hidden = !on; }

  function sleep(ms) { return new Promise(function (r) { setTimeout(r, ms); }); }

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = new Uint8Array(16);
    if (window.crypto && crypto.getRandomValues) crypto.getRandomValues(b);
    else for (var i = 0; i < 16; i++) b[i] = Math.floor(Math.random() * 256);
    b[6] = b[6] & 15 | 64;
    b[8] = b[8] & 63 | 128;
    var x = Array.prototype.map.call(b, function (n) { return (n + 256).toString(16).slice(1); }).join('');
    return x.slice(0, 8) + '-' + x.slice(8, 12) + '-' + x.slice(12, 16) + '-' + x.slice(16, 20) + '-' + x.slice(20);
  }

  function size(n) {
    var u = t('units'), i = 0;
    n = Number(n) || 0;
    while (n >= 1024 && i < u.length - 1) { n /= 1024; i++; }
    return (i && n < 10 ? n.toFixed(1) : Math.round(n)) + ' ' + u[i];
  }

  function time(at) {
    var d = new Date(at);
    if (isNaN(d)) return '';
    var opts = {hour: '2-digit', minute: '2-digit'};
    if (d.toDateString() !== new Date().toDateString()) { opts.day = 'numeric'; opts.month = 'short'; }
    try { return d.toLocaleString(lang, opts); } catch (e) { return d.toISOString().slice(0, 16); }
  }

  /** An absolute http(s) address, or null: no javascript:, data: or other schemes ever become a link. */
  function safeUrl(u) {
    try {
      var x = new URL(u, origin);
      return x.protocol === 'http:' || x.protocol === 'https:' ? x.href : null;
    } catch (e) {
      return null;
    }
  }

  function link(href, label) {
    var url = safeUrl(href);
    return url && h('a', {href: url, target: '_blank', rel: 'noopener noreferrer nofollow', text: label});
  }

  /** Text with its http(s) addresses as links, built from text nodes and anchors. */
  function linkify(parent, text) {
    var re = /\bhttps?:\/\/[^\s<>"']+/gi, last = 0, m;
    text = String(text);
    while ((m = re.exec(text))) {
      var url = m[0].replace(/[.,;:!?)\]}]+$/, '');
      if (m.index > last) parent.appendChild(document.createTextNode(text.slice(last, m.index)));
      parent.appendChild(link(url, url) || document.createTextNode(url));
      last = re.lastIndex = m.index + url.length;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
    return parent;
  }

  /* ---- storage: only after the visitor opened the chat ---- */

  function storedToken() {
    try { return localStorage.getItem(storageKey); } catch (e) { return null; }
  }

  function keepToken(value) {
    token = value;
    try {
      if (value) localStorage.setItem(storageKey, value);
      else localStorage.removeItem(storageKey);
    } catch (e) {
      // storage blocked (a private window, a strict browser): the token lives as long as the page
    }
  }

  /** The external user id inside a token ("v:..." or "u:..."), read without trusting it. */
  function tokenUser(value) {
    try {
      var p = value.split('.')[0].replace(/-/g, '+').replace(/_/g, '/');
      while (p.length % 4) p += '=';
      return String(JSON.parse(atob(p)).u || '');
    } catch (e) {
      return '';
    }
  }

  /* ---- the API ---- */

  function ApiError(kind, status, code, message, retryAfter) {
    this.kind = kind; // down | token | rate | refused | aborted
    this.status = status;
    this.code = code || '';
    this.message = message || '';
    this.retryAfter = retryAfter || 0;
  }

  /** The JSON of an answer, or an ApiError: anything that is not this API's JSON means the chat is not there. */
  function answer(status, type, text, retryAfter) {
    var json = null;
    if (text && /json/i.test(type || '')) {
      try { json = JSON.parse(text); } catch (e) { json = null; }
    }
    if (status >= 200 && status < 300) {
      if (status === 204 || !text) return null;
      if (json === null || typeof json !== 'object') throw new ApiError('down', status);
      return json;
    }
    var code = json && json.error, message = json && typeof json.message === 'string' ? json.message : '';
    if (status === 429) {
      var wait = parseInt(retryAfter, 10) || (json && parseInt(json.retryAfter, 10)) || 10;
      throw new ApiError('rate', status, code, message, Math.min(Math.max(wait, 1), 300));
    }
    if (status === 401) throw new ApiError('token', status, code, message);
    if (status === 413) throw new ApiError('refused', status, code || 'file.tooLarge', message);
    if (!json || status === 404 || status >= 500 || code === 'unavailable') {
      throw new ApiError('down', status, code, message);
    }
    throw new ApiError('refused', status, code, message);
  }

  function noteServerTime(date) {
    var ms = date ? Date.parse(date) : NaN;
    if (!isNaN(ms)) { skew = ms - Date.now(); skewKnown = true; }
  }

  async function api(method, path, body, opts) {
    opts = opts || {};
    var headers = {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (token && !opts.anonymous) headers.Authorization = 'Bearer ' + token;
    var ctrl = window.AbortController ? new AbortController() : null;
    var timer = ctrl && setTimeout(function () { ctrl.abort(); }, opts.timeout || 30000);
    var r, text;
    try {
      r = await fetch(base + path + (path.indexOf('?') < 0 ? '?' : '&') + 'lang=' + lang, {
        method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body),
        mode: 'cors', credentials: 'omit', cache: 'no-store', signal: ctrl ? ctrl.signal : undefined
      });
      text = await r.text();
    } catch (e) {
      throw new ApiError('down', 0);
    } finally {
      clearTimeout(timer);
    }
    noteServerTime(r.headers.get('Date'));
    renewed(r.headers.get('X-Widget-Token'));
    return answer(r.status, r.headers.get('Content-Type'), text, r.headers.get('Retry-After'));
  }

  /** A token from the previous generation is answered with its renewal, to be used from now on. */
  function renewed(value) {
    if (value && token && value !== token) keepToken(value);
  }

  /** A call with the visitor's token; a token the server no longer takes is renewed once through the session. */
  async function authed(method, path, body, opts) {
    try {
      return await api(method, path, body, opts);
    } catch (e) {
      if (e.kind !== 'token') throw e;
      await session(true);
      return api(method, path, body, opts);
    }
  }

  function session(renew) {
    if (!sessionRun) {
      sessionRun = openSession(renew).then(function (v) { sessionRun = null; return v; },
          function (e) { sessionRun = null; throw e; });
    }
    return sessionRun;
  }

  /**
   * POST session with the token this browser kept, if any. A token the server refuses is dropped and the visitor
   * starts anew; a signed-in visitor's token is not used once the page no longer names them (a shared computer
   * after the site's logout), and an identity the server refuses falls back to an anonymous visitor.
   */
  async function openSession(renew) {
    var old = (renew && token) || storedToken();
    var asUser = !!(userId && userHash);
    if (old && !userId && tokenUser(old).indexOf('u:') === 0) old = null;
    for (;;) {
      var body = {};
      if (old) body.token = old;
      if (asUser) { body.userId = userId; body.userHash = userHash; }
      try {
        var res = await api('POST', 'session', body, {anonymous: true});
        if (!res || typeof res.token !== 'string') throw new ApiError('down', 200);
        if (visitor && res.visitor !== visitor) forgetChat();
        visitor = res.visitor;
        keepToken(res.token);
        return;
      } catch (e) {
        if (e.kind === 'token' && old) { keepToken(null); old = null; continue; }
        if (e.kind === 'refused' && asUser) {
          if (window.console) console.warn('Switchboard widget: the user id was refused:', e.message);
          asUser = false;
          if (old && tokenUser(old).indexOf('u:') === 0) old = null;
          continue;
        }
        throw e;
      }
    }
  }

  /** Config, session, the latest messages, live updates and the outbox: the one way in, and back after a failure. */
  function sync() {
    if (!syncing) {
      syncing = doSync().then(function () { syncing = null; }, function () { syncing = null; });
    }
    return syncing;
  }

  async function doSync() {
    clearTimeout(retryTimer);
    retryTimer = null;
    try {
      if (!config || down) await loadConfig();
      if (!token) await session();
      await loadLatest();
      setDown(false);
      started = true;
      live();
      flush();
      attached.forEach(function (u) { if (u.state === 'failed') upload(u); });
    } catch (e) {
      failed(e);
    }
  }

  async function loadConfig() {
    var c = await api('GET', 'config', undefined, {anonymous: true});
    if (!c || typeof c !== 'object') throw new ApiError('down', 200);
    config = c;
    applyConfig();
  }

  /** Something went wrong where the visitor cannot help it: say so, keep everything, try again later. */
  function failed(e) {
    if (e.kind === 'rate') {
      showRate(e.retryAfter);
      schedule(e.retryAfter * 1000);
      return;
    }
    if (e.kind === 'aborted') return;
    if (!(e instanceof ApiError) && window.console) console.error('Switchboard widget:', e);
    if (e.kind === 'refused' && window.console) console.warn('Switchboard widget:', e.status, e.code, e.message);
    netFails = e.status === 0 ? netFails + 1 : netFails;
    // one network failure may be a blip; a server that answers "not here" is believed at once
    if (!started || e.status !== 0 || netFails > 1) setDown(true);
    schedule();
  }

  function schedule(ms) {
    if (retryTimer) return;
    backoff = backoff ? Math.min(backoff * 2, 60000) : 5000;
    retryTimer = setTimeout(function () { retryTimer = null; sync(); }, ms || backoff);
  }

  function setDown(on) {
    if (!on) { netFails = 0; backoff = 0; }
    if (down === on) return;
    down = on;
    statusEl.textContent = on ? t('unavailable') : '';
    show(statusEl, on);
    outbox.forEach(function (item) {
      if (item.state !== 'failed') { item.state = on ? 'waiting' : 'sending'; paint(item); }
    });
  }

  /* ---- messages ---- */

  async function loadLatest() {
    var res = await authed('GET', 'messages?size=30'), pages = 0;
    var first = !loaded;
    var stickNow = stick;
    for (;;) {
      var msgs = res && Array.isArray(res.messages) ? res.messages : [];
      var seen = msgs.some(function (m) { return m && byId[String(m.id)]; });
      msgs.forEach(function (m) { merge(m, !first); });
      if (first) next = res.next || null;
      // after a long gap, read back until the messages meet the ones already shown
      if (first || seen || !res.next || ++pages >= 5) break;
      res = await authed('GET', 'messages?size=30&before=' + encodeURIComponent(res.next));
    }
    loaded = true;
    updateForms();
    if (first || stickNow) toBottom();
    if (first && isOpen && next && log.scrollHeight <= log.clientHeight) loadOlder();
  }

  async function loadOlder() {
    if (loadingOlder || !next || !token) return;
    loadingOlder = true;
    show(moreEl, true);
    try {
      var res = await authed('GET', 'messages?size=30&before=' + encodeURIComponent(next));
      show(moreEl, false);
      var height = log.scrollHeight, top = log.scrollTop;
      (res && Array.isArray(res.messages) ? res.messages : []).forEach(function (m) { merge(m, false); });
      next = res && res.next || null;
      log.scrollTop = top + log.scrollHeight - height;
    } catch (e) {
      failed(e);
    } finally {
      loadingOlder = false;
      show(moreEl, false);
    }
  }

  function forgetChat() {
    byId = {};
    list.textContent = '';
    next = null;
    newestAt = 0;
    loaded = hasClient = false;
  }

  function signature(m) {
    return JSON.stringify([m.text, m.author, m.edited, m.read, (m.files || []).map(function (f) {
      return [f.name, f.state, f.problem, !!f.url];
    })]);
  }

  /** A message from the server, in its place by time; one seen before is updated in place when it changed. */
  function merge(m, fresh) {
    if (!m || m.id == null) return false;
    var id = String(m.id), known = byId[id], el;
    var at = Date.parse(m.at) || 0;
    if (at > newestAt) newestAt = at;
    if (m.from === 'client') hasClient = true;
    if (known) {
      var changed = signature(known.m) !== signature(m);
      if (changed) {
        el = render(m);
        el.sbAt = known.el.sbAt;
        el.sbN = known.el.sbN;
        list.replaceChild(el, known.el);
        known.el = el;
      }
      known.m = m;
      if (changed) { keepBottom(); markRead(); }
      return changed;
    }
    el = render(m);
    el.sbAt = at;
    el.sbN = Number(m.id) || 0;
    var kids = list.children, i = kids.length - 1;
    while (i >= 0 && (kids[i].sbAt > at || kids[i].sbAt === at && kids[i].sbN > el.sbN)) i--;
    list.insertBefore(el, i >= 0 ? kids[i].nextSibling : list.firstChild);
    byId[id] = {m: m, el: el};
    if (fresh && m.from === 'team' && !isOpen) { unread++; paintBadge(); }
    keepBottom();
    markRead();
    return true;
  }

  function render(m) {
    var team = m.from !== 'client';
    var el = h('div', {cls: 'msg ' + (team ? 'team' : 'client'), sb: 'message', 'data-from': team ? 'team' : 'client',
      'data-id': String(m.id), 'data-state': 'sent'});
    if (team && m.author) el.appendChild(h('div', {cls: 'author', sb: 'author', text: String(m.author)}));
    if (m.text) el.appendChild(linkify(h('div', {cls: 'txt', sb: 'text'}), m.text));
    (Array.isArray(m.files) ? m.files : []).forEach(function (f) { el.appendChild(renderFile(f || {})); });
    var meta = [time(m.at)];
    if (m.edited) meta.push(t('edited'));
    if (!team && m.read) meta.push(t('read'));
    el.appendChild(h('div', {cls: 'meta', sb: 'time', text: meta.filter(Boolean).join(' \u00B7 ')}));
    return el;
  }

  function renderFile(f) {
    var state = f.state || 'ready', name = String(f.name || 'file');
    var box = h('div', {cls: 'file', sb: 'file', 'data-state': state});
    var url = state === 'ready' && f.url ? safeUrl(f.url) : null;
    if (url && f.kind === 'image' && (!f.type || /^image\/(jpeg|png|gif|webp|avif|bmp)$/i.test(f.type))) {
      var a = link(url, '');
      a.appendChild(h('img', {src: url, alt: name, loading: 'lazy', onload: keepBottom}));
      box.appendChild(a);
    } else if (url) {
      box.appendChild(link(url, name + ' (' + size(f.size) + ')'));
    } else {
      box.textContent = name + ' \u2014 ' + (state === 'pending' ? t('loading') : String(f.problem || t('undelivered')));
    }
    return box;
  }

  function keepBottom() { if (stick) toBottom(); }

  function toBottom() { log.scrollTop = log.scrollHeight; }

  /* ---- sending ---- */

  function send() {
    var text = input.value.replace(/^\s+|\s+$/g, '');
    var ready = attached.filter(function (u) { return u.state === 'done'; });
    if (!text && !ready.length) {
      if (attached.some(function (u) { return u.state === 'uploading'; })) showError(t('wait'));
      return;
    }
    if (attached.some(function (u) { return u.state === 'uploading'; })) { showError(t('wait')); return; }
    var max = config && config.maxText;
    if (max && text.length > max) { showError(t('tooLong', {n: max})); return; }
    var fields = null;
    if (prechatShown()) {
      fields = prechatValues();
      if (!fields) return;
    }
    clearError();
    input.value = '';
    grow();
    ready.forEach(dropUpload);
    var item = {id: uuid(), text: text, uploads: ready, fields: fields, state: down ? 'waiting' : 'sending'};
    item.el = renderPending(item);
    pendingList.appendChild(item.el);
    toBottom();
    stick = true;
    outbox.push(item);
    if (!started) sync();
    flush();
  }

  function renderPending(item) {
    var el = h('div', {cls: 'msg client', sb: 'message', 'data-from': 'client', 'data-pending': item.id});
    if (item.text) el.appendChild(linkify(h('div', {cls: 'txt', sb: 'text'}), item.text));
    item.uploads.forEach(function (u) {
      el.appendChild(h('div', {cls: 'file', sb: 'file', 'data-state': 'pending',
        text: u.name + ' (' + size(u.size) + ')'}));
    });
    item.meta = el.appendChild(h('div', {cls: 'meta', sb: 'time'}));
    item.el = el;
    paint(item);
    return el;
  }

  function paint(item) {
    item.el.setAttribute('data-state', item.state);
    item.meta.textContent = item.state === 'failed' ? (item.problem || t('notSent')) :
        item.state === 'waiting' ? t('waiting') : t('sending');
    if (item.state === 'sending') return;
    item.meta.appendChild(document.createTextNode(' '));
    item.meta.appendChild(h('button', {type: 'button', cls: 'lb', sb: 'retry', text: t('retry'), onclick: function () {
      retry(item);
    }}));
  }

  function retry(item) {
    if (item.state === 'failed' && prechatShown()) {
      var fields = prechatValues();
      if (!fields) return;
      item.fields = fields;
    }
    item.state = 'sending';
    item.problem = '';
    paint(item);
    if (down || !started) sync(); else flush();
  }

  /** Sends the outbox in order, each message with its own id, so that a message sent twice is stored once. */
  async function flush() {
    if (flushing || !token) return;
    flushing = true;
    try {
      for (;;) {
        var item = outbox.filter(function (i) { return i.state !== 'failed'; })[0];
        if (!item || down) break;
        item.state = 'sending';
        paint(item);
        var body = {id: item.id, page: page()};
        if (item.text) body.text = item.text;
        if (item.uploads.length) body.files = item.uploads.map(function (u) { return u.upload; });
        if (item.fields) body.fields = item.fields;
        try {
          var res = await authed('POST', 'messages', body);
          outbox.splice(outbox.indexOf(item), 1);
          pendingList.removeChild(item.el);
          hasClient = true;
          if (item.fields && (item.fields.email || item.fields.phone)) contactGiven = 'prechat';
          if (res && res.message) {
            if (!skewKnown) skew = (Date.parse(res.message.at) || Date.now()) - Date.now();
            merge(res.message, false);
          }
          toBottom();
          updateForms();
        } catch (e) {
          if (e.kind === 'refused') { refused(item, e); continue; }
          outbox.forEach(function (i) { if (i.state !== 'failed') { i.state = 'waiting'; paint(i); } });
          if (e.kind === 'rate') {
            showRate(e.retryAfter);
            clearTimeout(rateTimer);
            rateTimer = setTimeout(flush, e.retryAfter * 1000);
          } else {
            failed(e);
          }
          break;
        }
      }
    } finally {
      flushing = false;
    }
  }

  /**
   * A message the server refused (a required field missing, too long): back into an empty composer, so that the
   * visitor can fix and send it; otherwise it stays in the list with the server's reason and a retry button.
   */
  function refused(item, e) {
    var reason = e.message || t('notSent');
    if (!input.value && !attached.length) {
      outbox.splice(outbox.indexOf(item), 1);
      pendingList.removeChild(item.el);
      input.value = item.text;
      grow();
      item.uploads.forEach(function (u) { uploadsEl.appendChild(u.el); attached.push(u); });
      show(uploadsEl, true);
    } else {
      item.state = 'failed';
      item.problem = reason;
      paint(item);
    }
    showError(reason);
    var field = /^field\.(\w+)/.exec(e.code);
    if (field && prechatInputs[field[1]]) {
      prechatInputs[field[1]].setAttribute('aria-invalid', 'true');
      prechatInputs[field[1]].focus();
    }
  }

  /** Where the visitor is (CARD-8): the page, the referring link, the _ga cookie (only read) and the tool. */
  function page() {
    var p = {url: location.href.slice(0, 2000), referrer: (document.referrer || '').slice(0, 2000)};
    try {
      var ga = /(?:^|;\s*)_ga=([^;]*)/.exec(document.cookie);
      if (ga && ga[1]) p.ga = ga[1];
    } catch (e) {
      // cookies not readable here (a sandboxed frame)
    }
    if (tool) p.tool = tool;
    return p;
  }

  /* ---- files ---- */

  /** The kind whose limit applies, told apart as the server does (MediaKind.of: an SVG is a file). */
  function kindOf(type) {
    return /^image\/(?!svg)/i.test(type) ? 'image' : /^video\//i.test(type) ? 'video' :
        /^audio\//i.test(type) ? 'audio' : 'file';
  }

  /** Files chosen, dropped or pasted: checked against the limits here, then uploaded at once with a progress bar. */
  function attach(files) {
    var limits = config && config.files || {};
    Array.prototype.forEach.call(files || [], function (f) {
      var name = f.name || 'file';
      if (attached.length >= MAX_FILES) return showError(t('tooMany', {n: MAX_FILES}));
      if (!f.size) return showError(t('emptyFile', {name: name}));
      var limit = limits[kindOf(f.type)];
      if (limit && f.size > limit) return showError(t('tooLarge', {name: name, limit: size(limit)}));
      var u = {file: f, name: name, size: f.size, state: 'uploading'};
      u.bar = h('progress', {sb: 'progress', max: '100', value: '0', 'aria-label': name});
      u.note = h('span', {cls: 'note'});
      u.el = h('div', {cls: 'up', sb: 'upload'}, [h('span', {cls: 'n', text: name + ' (' + size(f.size) + ')'}),
        u.bar, u.note, h('button', {type: 'button', cls: 'ib', sb: 'remove', text: '\u00D7',
          'aria-label': t('remove') + ': ' + name, onclick: function () { dropUpload(u); input.focus(); }})]);
      uploadsEl.appendChild(u.el);
      show(uploadsEl, true);
      attached.push(u);
      upload(u);
    });
  }

  function dropUpload(u) {
    if (u.xhr && u.state === 'uploading') u.xhr.abort();
    attached.splice(attached.indexOf(u), 1);
    if (u.el.parentNode) u.el.parentNode.removeChild(u.el);
    show(uploadsEl, attached.length > 0);
  }

  async function upload(u) {
    paintUpload(u, 'uploading');
    try {
      if (!token) await sync();
      if (!token) throw new ApiError('down', 0);
      var res;
      try {
        res = await post(u);
      } catch (e) {
        if (e.kind !== 'token') throw e;
        await session(true);
        res = await post(u);
      }
      if (!res || !res.upload) throw new ApiError('down', 201);
      u.upload = res.upload;
      paintUpload(u, 'done');
    } catch (e) {
      if (attached.indexOf(u) < 0 || e.kind === 'aborted') return;
      if (e.kind === 'refused') {
        dropUpload(u);
        showError(e.message || u.name + ': ' + t('notUploaded'));
        return;
      }
      paintUpload(u, 'failed');
      if (e.kind === 'rate') showRate(e.retryAfter); else failed(e);
    }
  }

  function post(u) {
    return new Promise(function (resolve, reject) {
      var x = new XMLHttpRequest();
      u.xhr = x;
      u.bar.value = 0;
      x.open('POST', base + 'files?lang=' + lang);
      x.setRequestHeader('Authorization', 'Bearer ' + token);
      x.setRequestHeader('X-File-Name', encodeURIComponent(u.name));
      x.setRequestHeader('Content-Type', u.file.type || 'application/octet-stream');
      x.upload.onprogress = function (e) {
        if (e.lengthComputable) u.bar.value = Math.round(e.loaded * 100 / e.total);
      };
      x.onload = function () {
        renewed(x.getResponseHeader('X-Widget-Token'));
        try {
          resolve(answer(x.status, x.getResponseHeader('Content-Type'), x.responseText,
              x.getResponseHeader('Retry-After')));
        } catch (e) {
          reject(e);
        }
      };
      x.onerror = x.ontimeout = function () { reject(new ApiError('down', 0)); };
      x.onabort = function () { reject(new ApiError('aborted', 0)); };
      x.send(u.file);
    });
  }

  function paintUpload(u, state) {
    u.state = state;
    u.el.setAttribute('data-state', state);
    show(u.bar, state === 'uploading');
    if (state === 'done') u.bar.value = 100;
    u.note.textContent = state === 'done' ? t('uploaded') : state === 'failed' ? t('notUploaded') + ' ' : '';
    if (state === 'failed') {
      u.note.appendChild(h('button', {type: 'button', cls: 'lb', sb: 'retry', text: t('retry'),
        onclick: function () { upload(u); }}));
    }
  }

  /* ---- live updates ---- */

  function live() {
    if (!token || down) return;
    if (mode === 'sse' && window.EventSource) {
      if (!es) openStream();
    } else if (!polling) {
      poll();
    }
  }

  function liveFailed() {
    var wait = Math.min(1000 * Math.pow(2, liveFails++), 60000);
    setTimeout(sync, wait);
  }

  function openStream() {
    var opened = false;
    var src = new EventSource(base + 'events?t=' + encodeURIComponent(token) + '&lang=' + lang);
    es = src;
    src.onopen = function () {
      opened = true;
      sseFails = 0;
      liveFails = 0;
      loadLatest().catch(failed); // what came while the stream was being set up
    };
    src.addEventListener('message', function (e) {
      try { merge(JSON.parse(e.data), true); } catch (x) { /* not a message */ }
    });
    src.onerror = function () {
      src.close();
      if (es === src) es = null;
      // a stream that never opens (a proxy that buffers or cuts it): long polling instead
      if (!opened && ++sseFails >= 2) mode = 'poll';
      liveFailed();
    };
  }

  /**
   * The long-poll fallback. Each answer's "now" (the server's clock) is the next poll's since; the first poll
   * starts from the newest message seen, or a few seconds ago in the server's clock as far as it is known.
   */
  async function poll() {
    polling = true;
    var quiet = 0, since = 0;
    try {
      while (mode === 'poll' && token && !down) {
        var begun = Date.now();
        since = since || Math.max(newestAt, skewKnown ? begun + skew - 3000 : 0) || begun + skew - 5000;
        var res = await api('GET', 'poll?t=' + encodeURIComponent(token) + '&since=' + since, undefined,
            {anonymous: true, timeout: 40000});
        since = res && typeof res.now === 'number' ? res.now : 0;
        liveFails = 0;
        var news = (res && Array.isArray(res.messages) ? res.messages : []).filter(function (m) {
          return merge(m, true);
        }).length;
        // an answer with nothing new that came at once: wait a little longer each time
        quiet = news || Date.now() - begun > 5000 ? 0 : Math.min(quiet + 1, 4);
        if (quiet) await sleep(1000 * Math.pow(2, quiet - 1));
      }
      polling = false;
    } catch (e) {
      polling = false;
      if (e.kind === 'rate') { showRate(e.retryAfter); setTimeout(live, e.retryAfter * 1000); } else liveFailed();
    }
  }

  /** Tells the server the visitor has seen the team's messages, while the chat is open and the page visible. */
  function markRead() {
    if (!isOpen || document.visibilityState === 'hidden' || !token || readTimer) return;
    var newest = 0, at = null;
    for (var id in byId) {
      var m = byId[id].m, ms = Date.parse(m.at) || 0;
      if (m.from === 'team' && ms > newest) { newest = ms; at = m.at; }
    }
    if (!at || newest <= lastRead) return;
    readTimer = setTimeout(function () {
      authed('POST', 'read', {upTo: at}).then(function () {
        lastRead = Math.max(lastRead, newest);
        readTimer = null;
        markRead();
      }, function () {
        readTimer = null; // tried again with the next message or the next look
      });
    }, 1000);
  }

  /* ---- the forms above the composer ---- */

  function prechatShown() { return !!prechatForm && !prechatForm.hidden; }

  function validEmail(v) { return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v); }

  function validPhone(v) {
    var digits = v.replace(/\D/g, '').length;
    return /^\+?[\d\s()-]+$/.test(v) && digits >= 6 && digits <= 20;
  }

  /** The pre-chat fields, checked here as the server will check them, or null with the problem shown. */
  function prechatValues() {
    var values = {}, missing = [], problem = '', first = null;
    (config.prechat || []).forEach(function (p) {
      var el = prechatInputs[p.field];
      if (!el) return;
      var v = el.value.trim();
      var bad = !v ? !!p.required : p.field === 'email' ? !validEmail(v) : p.field === 'phone' && !validPhone(v);
      if (bad) {
        el.setAttribute('aria-invalid', 'true');
        first = first || el;
        if (!v) missing.push(t(p.field));
        else problem = problem || t(p.field === 'email' ? 'badEmail' : 'badPhone');
      } else {
        el.removeAttribute('aria-invalid');
      }
      if (v) values[p.field] = v;
    });
    if (first) {
      showError(missing.length ? t('fill', {fields: missing.join(', ')}) : problem);
      first.focus();
      return null;
    }
    return values;
  }

  function buildPrechat(fields) {
    var rows = [];
    fields.forEach(function (p) {
      var f = p && p.field;
      if (!/^(name|email|phone)$/.test(f) || prechatInputs[f]) return;
      var id = 'sb-pc-' + f;
      var el = h('input', {id: id, cls: 'in', sb: 'prechat-' + f, name: f,
        type: f === 'email' ? 'email' : f === 'phone' ? 'tel' : 'text',
        autocomplete: f === 'email' ? 'email' : f === 'phone' ? 'tel' : 'name',
        required: !!p.required, 'aria-required': p.required ? 'true' : null, maxlength: '200'});
      prechatInputs[f] = el;
      rows.push(h('div', null, [h('label', {'for': id}, [t(f), p.required ? h('span', {'aria-hidden': 'true',
        text: ' *'}) : null, p.required ? h('span', {cls: 'sr', text: ' (' + t('required') + ')'}) : null]), el]));
    });
    if (!rows.length) return;
    prechatForm = h('form', {cls: 'form', sb: 'prechat', novalidate: true, onsubmit: function (e) {
      e.preventDefault();
      input.focus();
    }}, rows);
    prechatForm.hidden = true;
    errorEl.parentNode.insertBefore(prechatForm, errorEl);
  }

  async function submitContact(e) {
    e.preventDefault();
    var v = contactInput.value.trim(), body = {};
    if (!v) { contactInput.focus(); return; }
    if (v.indexOf('@') >= 0 ? !validEmail(v) : !validPhone(v)) {
      contactInput.setAttribute('aria-invalid', 'true');
      showError(t(v.indexOf('@') >= 0 ? 'badEmail' : 'badPhone'));
      contactInput.focus();
      return;
    }
    contactInput.removeAttribute('aria-invalid');
    body[v.indexOf('@') >= 0 ? 'email' : 'phone'] = v;
    try {
      if (!token) await session();
      await authed('POST', 'contact', body);
      contactGiven = true;
      clearError();
      updateForms();
      input.focus();
    } catch (x) {
      if (x.kind === 'refused') showError(x.message);
      else if (x.kind === 'rate') showRate(x.retryAfter);
      else failed(x);
    }
  }

  /**
   * Consent and pre-chat fields before the visitor's first message; when nobody is online, the offline text, and
   * under the visitor's first message the form for an e-mail or phone (the server keeps contacts only of a visitor
   * who wrote), unless the pre-chat fields already gave one.
   */
  function updateForms() {
    var c = config || {};
    var before = loaded && !hasClient;
    var offline = !!config && c.online === false;
    show(consentEl, before && !!c.consent);
    show(offlineEl, offline && !!c.offline);
    show(contactForm, offline && hasClient && !contactGiven);
    show(thanksEl, contactGiven === true);
    if (prechatForm) show(prechatForm, before);
  }

  function applyConfig() {
    var c = config, colour = /^#[0-9a-f]{6}$/i.test(c.colour || '') ? c.colour : '#1f6feb';
    var n = parseInt(colour.slice(1), 16);
    var light = ((n >> 16) * 299 + (n >> 8 & 255) * 587 + (n & 255) * 114) / 1000 > 160;
    root.style.setProperty('--sb-c', colour);
    root.style.setProperty('--sb-on', light ? '#1f2328' : '#fff');
    var team = String(c.team || t('chat'));
    var words = team.trim().split(/\s+/).filter(Boolean).map(function (w) { return Array.from(w)[0]; });
    teamEl.textContent = team;
    avatar.textContent = (words.length > 1 ? words[0] + words[1] : Array.from(team.trim()).slice(0, 2).join(''))
        .toUpperCase();
    panel.setAttribute('aria-label', t('dialog', {team: team}));
    presenceEl.textContent = c.online === false ? t('away') : t('online');
    greetingEl.textContent = '';
    if (c.greeting) linkify(greetingEl, c.greeting);
    show(greetingEl, !!c.greeting);
    consentEl.textContent = '';
    if (c.consent) linkify(consentEl, c.consent);
    offlineEl.textContent = c.offline ? String(c.offline) : '';
    if (!prechatForm && Array.isArray(c.prechat)) buildPrechat(c.prechat);
    updateForms();
  }

  /* ---- the composer's messages ---- */

  function showError(text) {
    clearTimeout(errorTimer);
    errorEl.textContent = text;
    show(errorEl, !!text);
  }

  function clearError() { showError(''); }

  function showRate(seconds) {
    showError(seconds ? t('rateIn', {s: seconds}) : t('rate'));
    errorTimer = setTimeout(clearError, (seconds || 10) * 1000);
  }

  function paintBadge() {
    badge.textContent = unread > 99 ? '99+' : String(unread);
    show(badge, unread > 0);
  }

  function grow() {
    input.style.height = '';
    if (input.scrollHeight > input.clientHeight) input.style.height = Math.min(input.scrollHeight + 2, 120) + 'px';
  }

  function insertText(s) {
    var a = typeof input.selectionStart === 'number' ? input.selectionStart : input.value.length;
    var b = typeof input.selectionEnd === 'number' ? input.selectionEnd : a;
    input.value = input.value.slice(0, a) + s + input.value.slice(b);
    input.focus();
    input.selectionStart = input.selectionEnd = a + s.length;
    grow();
  }

  function togglePicker(on) {
    show(picker, on);
    emojiButton.setAttribute('aria-expanded', String(on));
    if (on) picker.querySelector('button').focus();
  }

  /* ---- open and close ---- */

  function openPanel() {
    if (isOpen) return;
    isOpen = true;
    show(panel, true);
    bubble.setAttribute('aria-expanded', 'true');
    unread = 0;
    paintBadge();
    var firstField = prechatShown() && prechatForm.querySelector('input');
    (firstField && !firstField.value ? firstField : input).focus();
    toBottom();
    if (!started && !syncing) sync();
    markRead();
  }

  function closePanel() {
    if (!isOpen) return;
    isOpen = false;
    togglePicker(false);
    show(panel, false);
    bubble.setAttribute('aria-expanded', 'false');
    bubble.focus();
  }

  /* ---- building ---- */

  function build() {
    var host = h('div', {sb: 'host', 'data-switchboard-widget': key});
    // the site's CSS cannot reach into the shadow root, but it can move or hide the host: inline !important wins;
    // set through the CSSOM, which a site's Content-Security-Policy for inline styles does not block
    [['all', 'initial'], ['display', 'block'], ['position', 'fixed'], ['z-index', '2147483000'], ['right', '0'],
      ['bottom', '0'], ['width', '0'], ['height', '0'], ['visibility', 'visible'], ['opacity', '1'],
      ['transform', 'none']].forEach(function (p) { host.style.setProperty(p[0], p[1], 'important'); });
    var shadow = host.attachShadow({mode: 'open'});
    try {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      shadow.adoptedStyleSheets = [sheet];
    } catch (e) {
      shadow.appendChild(h('style', {text: CSS})); // a browser without constructable style sheets
    }
    root = shadow.appendChild(h('div', {cls: 'sb', lang: lang}));

    badge = h('span', {cls: 'badge', sb: 'unread', 'aria-hidden': 'true', hidden: true});
    bubble = h('button', {type: 'button', cls: 'bubble', sb: 'bubble', 'aria-label': t('open'),
      'aria-expanded': 'false', 'aria-controls': 'sb-panel', onclick: function () {
        if (isOpen) closePanel(); else openPanel();
      }}, [icon('chat'), badge]);

    avatar = h('div', {cls: 'avatar', sb: 'avatar', 'aria-hidden': 'true'});
    teamEl = h('div', {cls: 'tname', sb: 'team', text: t('chat')});
    presenceEl = h('div', {cls: 'presence', sb: 'presence'});
    statusEl = h('div', {cls: 'status', sb: 'status', role: 'status', hidden: true});
    moreEl = h('div', {cls: 'more', sb: 'more', text: t('earlier'), hidden: true});
    greetingEl = h('div', {cls: 'msg team txt', sb: 'greeting', hidden: true});
    list = h('div', {cls: 'list'});
    pendingList = h('div', {cls: 'list'});
    log = h('div', {cls: 'log', sb: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': t('messages'),
      tabindex: '0', onscroll: function () {
        stick = log.scrollHeight - log.scrollTop - log.clientHeight < 60;
        if (log.scrollTop < 40) loadOlder();
      }}, [moreEl, greetingEl, list, pendingList]);

    consentEl = h('div', {cls: 'notice', sb: 'notice', 'data-kind': 'consent', hidden: true});
    offlineEl = h('div', {cls: 'notice', sb: 'notice', 'data-kind': 'offline', hidden: true});
    thanksEl = h('div', {cls: 'notice', sb: 'notice', 'data-kind': 'thanks', text: t('thanks'), hidden: true});
    contactInput = h('input', {id: 'sb-contact', cls: 'in', sb: 'contact-input', type: 'text', autocomplete: 'email',
      maxlength: '200'});
    contactForm = h('form', {cls: 'form', sb: 'contact', novalidate: true, onsubmit: submitContact, hidden: true}, [
      h('label', {'for': 'sb-contact', text: t('contact')}),
      h('div', {cls: 'row'}, [contactInput, h('button', {type: 'submit', cls: 'btn', sb: 'contact-send',
        text: t('contactSend')})])]);
    errorEl = h('div', {cls: 'err', sb: 'error', role: 'alert', hidden: true});
    uploadsEl = h('div', {cls: 'ups', sb: 'uploads', hidden: true});
    picker = h('div', {id: 'sb-emoji', cls: 'picker', sb: 'emoji-picker', hidden: true, onkeydown: function (e) {
      if (e.key === 'Escape') { e.stopPropagation(); togglePicker(false); emojiButton.focus(); }
    }}, EMOJI.map(function (s) {
      return h('button', {type: 'button', text: s, 'aria-label': s, onclick: function () {
        insertText(s);
        togglePicker(false);
      }});
    }));
    input = h('textarea', {id: 'sb-input', sb: 'input', rows: '1', placeholder: t('placeholder'),
      oninput: grow, onkeydown: function (e) {
        if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
          e.preventDefault();
          send();
        }
      }, onpaste: function (e) {
        var cd = e.clipboardData, files = [];
        if (!cd) return;
        Array.prototype.forEach.call(cd.items || [], function (it) {
          var f = it.kind === 'file' && it.getAsFile();
          if (f) files.push(f);
        });
        if (!files.length && cd.files) files = Array.prototype.slice.call(cd.files);
        if (files.length) { e.preventDefault(); attach(files); }
      }});
    fileInput = h('input', {type: 'file', multiple: true, cls: 'sr', sb: 'file-input', tabindex: '-1',
      'aria-hidden': 'true', onchange: function () { attach(fileInput.files); fileInput.value = ''; }});
    emojiButton = h('button', {type: 'button', cls: 'ib', sb: 'emoji', 'aria-label': t('emoji'), title: t('emoji'),
      'aria-expanded': 'false', 'aria-controls': 'sb-emoji', onclick: function () { togglePicker(picker.hidden); }},
    [icon('emoji')]);
    var composer = h('div', {cls: 'composer'}, [
      h('label', {'for': 'sb-input', cls: 'sr', text: t('message')}), input,
      h('button', {type: 'button', cls: 'ib', sb: 'attach', 'aria-label': t('attach'), title: t('attach'),
        onclick: function () { fileInput.click(); }}, [icon('attach')]),
      fileInput, emojiButton,
      h('button', {type: 'button', cls: 'ib go', sb: 'send', 'aria-label': t('send'), title: t('send'),
        onclick: function () { send(); input.focus(); }}, [icon('send')])]);
    dropEl = h('div', {cls: 'drop', sb: 'drop', text: t('drop'), hidden: true});

    panel = h('div', {id: 'sb-panel', cls: 'panel', sb: 'panel', role: 'dialog', 'aria-label': t('chat'),
      hidden: true, onkeydown: function (e) {
        if (e.key === 'Escape') { e.preventDefault(); closePanel(); }
      }, ondragenter: function (e) {
        if (hasFiles(e)) { dragDepth++; show(dropEl, true); }
      }, ondragover: function (e) {
        if (hasFiles(e)) { e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; }
      }, ondragleave: function () {
        if (dragDepth > 0 && --dragDepth === 0) show(dropEl, false);
      }, ondrop: function (e) {
        if (!hasFiles(e)) return;
        e.preventDefault();
        dragDepth = 0;
        show(dropEl, false);
        attach(e.dataTransfer.files);
      }}, [
      h('div', {cls: 'head'}, [avatar, h('div', {cls: 'title'}, [teamEl, presenceEl]),
        h('button', {type: 'button', cls: 'x', sb: 'close', text: '\u00D7', 'aria-label': t('close'),
          onclick: closePanel})]),
      statusEl, log,
      h('div', {cls: 'foot'}, [consentEl, offlineEl, contactForm, thanksEl, errorEl, uploadsEl, picker, composer]),
      dropEl]);

    root.appendChild(bubble);
    root.appendChild(panel); // after the bubble: on a phone the full-screen panel covers it
    document.body.appendChild(host);
    document.addEventListener('visibilitychange', markRead);
  }

  function hasFiles(e) {
    var types = e.dataTransfer && e.dataTransfer.types;
    return !!types && Array.prototype.indexOf.call(types, 'Files') >= 0;
  }

  function boot() {
    if (!document.body) { document.addEventListener('DOMContentLoaded', boot); return; }
    build();
    // the team's colour and presence for the bubble: the one call made before the visitor opens the chat
    if (!config) loadConfig().catch(function () { /* said when the visitor opens the chat */ });
  }

  if (window.requestIdleCallback) requestIdleCallback(boot, {timeout: 3000});
  else setTimeout(boot, 300);
})();
