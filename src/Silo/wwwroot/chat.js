// The home page's chat: the official Web Chat control on the hub's Direct Line endpoints.
// - The conversation survives a reload (and days away): the browser keeps the conversation id and its resume secret
//   and exchanges the secret for a fresh token; Web Chat then reconnects to the same conversation and replays it.
// - The hub greets a new conversation once (the "webchat/join" event; the server ignores repeats).
// - The control's own labels follow the citizen's language, and switch when they switch ("english" / "bahasa").
// - "Share my location" posts the browser's position as a schema.org Place entity.
// - A message longer than the hub takes is not sent: the reason shows, the text stays in the box to shorten.
(function () {
  'use strict';

  const SessionKey = 'lapor.webchat.session';
  const LocaleKey = 'lapor.webchat.locale';
  // WebChat:MaxTextLength's default. The hub answers a longer message with the reason anyway; refusing it here keeps
  // the text in the box to shorten, and covers texts too large for the hub to take at all.
  const MaxTextLength = 4000;
  const TooLongNotification = 'lapor-too-long';
  const Indonesian = 'id-ID';
  const English = 'en-US';

  // The same words the dialog takes as "switch language" (IntentParser.LanguageOf).
  const LanguageWords = {
    'english': English, '/english': English, '/en': English, 'in english': English,
    'bahasa': Indonesian, 'bahasa indonesia': Indonesian, 'indonesia': Indonesian, '/id': Indonesian, '/indonesia': Indonesian
  };

  const Texts = {
    [Indonesian]: {
      share: 'Bagikan lokasi saya',
      locating: 'Mencari lokasi Anda…',
      shared: 'Lokasi saya: {0}, {1}',
      unavailable: 'Lokasi tidak dapat dibagikan. Ketik alamat atau nama kota/kabupaten saja.',
      tooLong: 'Pesan terlalu panjang: {0} karakter, maksimal {1}. Mohon ringkas.',
      restart: 'Mulai percakapan baru',
      failed: 'Obrolan tidak dapat dimulai. Periksa koneksi Anda lalu muat ulang halaman ini.'
    },
    [English]: {
      share: 'Share my location',
      locating: 'Finding your location…',
      shared: 'My location: {0}, {1}',
      unavailable: 'Your location could not be shared. Type the address or the city/regency instead.',
      tooLong: 'Message too long: {0} characters, at most {1}. Please shorten it.',
      restart: 'Start a new conversation',
      failed: 'The chat could not start. Check your connection and reload this page.'
    }
  };

  const chat = document.getElementById('webchat');
  const status = document.getElementById('chat-status');
  const shareButton = document.getElementById('share-location');
  const restartButton = document.getElementById('restart-chat');
  const toolStatus = document.getElementById('chat-tools-status');
  // ?polling=1 uses plain HTTP polling instead of a WebSocket (for networks that block WebSockets).
  const polling = new URLSearchParams(location.search).get('polling') === '1';

  let locale = initialLocale();
  let directLine = null;
  let store = null;

  function initialLocale() {
    const chosen = localStorage.getItem(LocaleKey);
    if (chosen === Indonesian || chosen === English) {
      return chosen;
    }

    const preferred = (navigator.languages && navigator.languages[0]) || navigator.language || '';
    return /^en\b/i.test(preferred) ? English : Indonesian;
  }

  function text(key, ...args) {
    return Texts[locale][key].replace(/\{(\d)\}/g, (_, index) => args[Number(index)]);
  }

  function loadSession() {
    try {
      const session = JSON.parse(localStorage.getItem(SessionKey) || 'null');
      return session && typeof session.conversationId === 'string' && typeof session.resume === 'string' ? session : null;
    } catch {
      return null;
    }
  }

  async function postJson(url, secret) {
    const response = await fetch(url, { method: 'POST', headers: secret ? { Authorization: 'Bearer ' + secret } : {} });
    return { status: response.status, body: response.ok ? await response.json() : null };
  }

  // A token for the kept conversation, or for a new one (kept from now on).
  async function connection() {
    const session = loadSession();
    if (session) {
      const resumed = await postJson('/v3/directline/tokens/resume', session.resume);
      if (resumed.body) {
        return { token: resumed.body.token, conversationId: resumed.body.conversationId };
      }

      if (resumed.status !== 401) {
        throw new Error('HTTP ' + resumed.status);
      }

      // Not ours any more (the hub's key changed): start afresh.
      localStorage.removeItem(SessionKey);
    }

    const generated = await postJson('/v3/directline/tokens/generate');
    if (!generated.body) {
      throw new Error('HTTP ' + generated.status);
    }

    localStorage.setItem(SessionKey, JSON.stringify({ conversationId: generated.body.conversationId, resume: generated.body.resume }));
    return { token: generated.body.token, conversationId: null };
  }

  function switchLanguage(typed) {
    const chosen = typeof typed === 'string' ? LanguageWords[typed.trim().toLowerCase().replace(/[.!]+$/, '')] : undefined;
    if (chosen && chosen !== locale) {
      locale = chosen;
      localStorage.setItem(LocaleKey, chosen);
      // After this message is posted: it still goes out in the language it was typed in.
      setTimeout(render, 0);
    }
  }

  function createStore() {
    return window.WebChat.createStore({}, ({ dispatch, getState }) => next => action => {
      if (action.type === 'WEB_CHAT/SUBMIT_SEND_BOX') {
        const typed = getState().sendBoxValue || '';
        if (typed.length > MaxTextLength) {
          // Not sent: the reason shows above the transcript and the text stays in the box.
          dispatch({
            type: 'WEB_CHAT/SET_NOTIFICATION',
            payload: { id: TooLongNotification, level: 'error', message: text('tooLong', typed.length, MaxTextLength) }
          });
          return undefined;
        }

        dispatch({ type: 'WEB_CHAT/DISMISS_NOTIFICATION', payload: { id: TooLongNotification } });
      }

      if (action.type === 'DIRECT_LINE/POST_ACTIVITY' && action.payload.activity.type === 'message') {
        switchLanguage(action.payload.activity.text);
      }

      const result = next(action);
      if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
        dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: 'webchat/join', value: { locale } } });
      }

      return result;
    });
  }

  function render() {
    window.WebChat.renderWebChat(
      {
        directLine,
        store,
        locale,
        styleOptions: {
          accent: '#b3261e',
          botAvatarInitials: 'LP',
          hideUploadButton: false,
          uploadAccept: 'image/jpeg,image/png,image/webp,application/pdf',
          suggestedActionLayout: 'flow',
          bubbleMaxWidth: 560
        }
      },
      chat
    );
    chat.dataset.locale = locale;
    shareButton.textContent = text('share');
    restartButton.textContent = text('restart');
  }

  function shareLocation() {
    if (!navigator.geolocation || !store) {
      toolStatus.textContent = text('unavailable');
      return;
    }

    toolStatus.textContent = text('locating');
    navigator.geolocation.getCurrentPosition(
      position => {
        const { latitude, longitude } = position.coords;
        toolStatus.textContent = '';
        // The text is what the citizen's bubble shows (Web Chat hides a message without one); the point is the entity.
        store.dispatch({
          type: 'DIRECT_LINE/POST_ACTIVITY',
          meta: { method: 'keyboard' },
          payload: {
            activity: {
              type: 'message',
              text: text('shared', latitude.toFixed(5), longitude.toFixed(5)),
              entities: [{ type: 'Place', geo: { type: 'GeoCoordinates', latitude, longitude } }]
            }
          }
        });
      },
      () => { toolStatus.textContent = text('unavailable'); },
      { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 });
  }

  function restart() {
    localStorage.removeItem(SessionKey);
    location.reload();
  }

  (async function start() {
    try {
      const { token, conversationId } = await connection();
      // With a conversation id, Web Chat reconnects (GET /conversations/{id}) and replays the transcript.
      directLine = window.WebChat.createDirectLine({
        domain: location.origin + '/v3/directline',
        token,
        webSocket: !polling,
        ...(conversationId ? { conversationId } : {})
      });
      store = createStore();
      render();
      shareButton.addEventListener('click', shareLocation);
      restartButton.addEventListener('click', restart);
      shareButton.hidden = false;
      restartButton.hidden = false;
      chat.dataset.transport = polling ? 'polling' : 'websocket';
      chat.dataset.resumed = conversationId ? 'true' : 'false';
    } catch (error) {
      status.textContent = text('failed') + ' (' + error.message + ')';
      status.className = 'error';
    }
  })();
})();
